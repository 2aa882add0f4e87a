using System.Globalization;
using Perf.Bench.Plans;

namespace Perf.Bench.Gate;

/// <summary>Compares captured plans with the baseline: same index, no new full scan, no more rows read than the bound, no more partitions, no new filesort.</summary>
/// <remarks>
/// A switch between index lookups on the same index (range and ref read the same rows here) is not a regression: the
/// optimizer flips between them with sampled statistics, and the rows-read bound still catches a worse one.
/// </remarks>
public static class PlanGate
{
    /// <summary>Checks every plan against its entry; plans without an entry and entries without a plan fail too.</summary>
    public static GateResult Check(PlanBaseline baseline, IReadOnlyList<PlanResult> plans)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(plans);
        var expected = baseline.Entries.ToDictionary(e => e.Key, StringComparer.Ordinal);
        var verdicts = new List<PlanVerdict>();
        foreach (var plan in plans)
        {
            if (!expected.Remove(plan.Key, out var entry))
            {
                verdicts.Add(new PlanVerdict(plan.Key, $"not in the baseline; now {Describe(plan.AccessType, plan.Index, plan.RowsRead, plan.Partitions.Count)} (run `gate --update-baseline` to accept it)"));
                continue;
            }

            var reasons = new List<string>();
            if (!string.Equals(entry.Index, plan.Index, StringComparison.OrdinalIgnoreCase))
            {
                reasons.Add(plan.Index is null ? $"index {entry.Index} no longer used" : $"index changed from {entry.Index ?? "none"} to {plan.Index}");
            }

            if (IsScan(plan.AccessType) && !string.Equals(entry.AccessType, plan.AccessType, StringComparison.Ordinal))
            {
                reasons.Add($"access changed from {entry.AccessType} to a scan ({plan.AccessType})");
            }

            if (plan.RowsRead > entry.MaxRowsRead)
            {
                reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{plan.RowsRead:N0} rows read exceed the bound of {entry.MaxRowsRead:N0}"));
            }

            if (plan.Partitions.Count > entry.Partitions)
            {
                reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{plan.Partitions.Count} partitions touched, was {entry.Partitions}"));
            }

            if (plan.Filesort && !entry.Filesort)
            {
                reasons.Add("a filesort appeared");
            }

            verdicts.Add(new PlanVerdict(plan.Key, reasons.Count == 0
                ? null
                : $"was {Describe(entry.AccessType, entry.Index, entry.RowsRead, entry.Partitions)}; now {Describe(plan.AccessType, plan.Index, plan.RowsRead, plan.Partitions.Count)} ({string.Join("; ", reasons)})"));
        }

        verdicts.AddRange(expected.Values.Select(e => new PlanVerdict(e.Key, "in the baseline but not captured (query removed or renamed? run `gate --update-baseline`)")));
        return new GateResult(plans.Count, verdicts) { NotCaptured = expected.Count };
    }

    /// <summary>A full table scan (<c>ALL</c>) or a full index scan (<c>index</c>).</summary>
    private static bool IsScan(string accessType) => accessType is "ALL" or "index";

    private static string Describe(string accessType, string? index, long rows, int partitions)
    {
        var text = index is null ? accessType : $"{accessType} on {index}";
        text += string.Create(CultureInfo.InvariantCulture, $", {rows:N0} rows");
        return partitions switch
        {
            0 => text,
            1 => text + ", 1 partition",
            _ => text + string.Create(CultureInfo.InvariantCulture, $", {partitions} partitions"),
        };
    }
}
