using Telemetry.Data.Schema;
using static Perf.Harness.Reports.ReportFormat;

namespace Perf.Harness.Reports;

/// <summary>Derives the report's recommendations from the measurements by fixed rules; no text about results is written by hand.</summary>
public static class RecommendationRules
{
    /// <summary>The smallest latency ratio between variants that counts as a difference.</summary>
    public const double MeaningfulRatio = 1.25;

    /// <summary>The smallest median difference (ms) that counts: below it a ratio is real but irrelevant against a 500 ms target.</summary>
    public const double MeaningfulMs = 1.0;

    /// <summary>Applies every rule, in a fixed order.</summary>
    public static IReadOnlyList<Recommendation> Derive(CapacityData data, IReadOnlyList<StorageFit> storage, IReadOnlyList<HeadroomProjection> headroom, GrowthAssumptions? assumptions)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(headroom);
        return
        [
            .. VariantPaysOff(data, SchemaVariant.Partitioned, SchemaVariant.Composite, "partitioning-pays-off", "Partitioning"),
            .. VariantPaysOff(data, SchemaVariant.Composite, SchemaVariant.Basic, "composite-indexes-pay-off", "Composite indexing"),
            .. UnusedIndexes(data),
            .. UsedIndexes(data),
            .. TargetMisses(data),
            .. Capacity(data),
            .. Storage(storage),
            .. Headroom(headroom, assumptions, data.Targets, data.Measurements.Select(m => m.TradeRows).DefaultIfEmpty().Max()),
        ];
    }

    /// <summary>Per query: from which size <paramref name="candidate"/>'s P99 is at least <see cref="MeaningfulRatio"/> lower than <paramref name="reference"/>'s at every larger size, or where it costs.</summary>
    /// <remarks>The median must move the same way by the same ratio and by at least <see cref="MeaningfulMs"/>: a P99 from tens of samples on a shared machine is one sample, and a lone slow one is noise, not a design's cost.</remarks>
    internal static IEnumerable<Recommendation> VariantPaysOff(CapacityData data, SchemaVariant candidate, SchemaVariant reference, string rule, string subject)
    {
        var neutral = new List<(string Query, double Ratio)>();
        long largestRows = 0;
        foreach (var query in data.QueryNames)
        {
            var pairs = (from c in data.For(candidate)
                         join r in data.For(reference) on c.TradeRows equals r.TradeRows
                         let cq = c.Queries.FirstOrDefault(q => q.Query == query)
                         let rq = r.Queries.FirstOrDefault(q => q.Query == query)
                         where cq is not null && rq is not null && cq.P99Ms > 0
                         orderby c.TradeRows
                         select (Rows: c.TradeRows, Candidate: cq, Reference: rq, Ratio: Math.Abs(rq.P50Ms - cq.P50Ms) >= MeaningfulMs ? Agreed(rq.P99Ms / cq.P99Ms, cq.P50Ms > 0 ? rq.P50Ms / cq.P50Ms : 1) : 1)).ToList();
            if (pairs.Count == 0)
            {
                continue;
            }

            var last = pairs[^1];
            largestRows = Math.Max(largestRows, last.Rows);
            var from = pairs.Count;
            while (from > 0 && pairs[from - 1].Ratio >= MeaningfulRatio)
            {
                from--;
            }

            var evidence = $"p99 {Ms(last.Candidate.P99Ms)} vs {Ms(last.Reference.P99Ms)} on {reference} at {Rows(last.Rows)} rows, median {Ms(last.Candidate.P50Ms)} vs {Ms(last.Reference.P50Ms)}";
            var reads = last.Candidate.RowsExamined != last.Reference.RowsExamined
                ? $", reading {Rows(last.Candidate.RowsExamined)} rows instead of {Rows(last.Reference.RowsExamined)}"
                : string.Empty;
            if (from < pairs.Count)
            {
                var start = from == 0 ? $"~{Rows(pairs[0].Rows)} trade rows (the smallest size measured)" : $"~{Rows(pairs[from].Rows)} trade rows";
                yield return new Recommendation(rule, $"{subject} pays off for `{query}` from {start}: {evidence} (p99 {Ratio(last.Reference.P99Ms / last.Candidate.P99Ms)} lower){reads}.");
            }
            else if (last.Ratio <= 1 / MeaningfulRatio)
            {
                yield return new Recommendation(rule, $"{subject} costs `{query}` time: {evidence} (p99 {Ratio(last.Candidate.P99Ms / last.Reference.P99Ms)} higher){reads}.");
            }
            else
            {
                neutral.Add((query, last.Ratio));
            }
        }

        if (neutral.Count > 0)
        {
            yield return new Recommendation(rule, $"{subject} made no difference beyond {Number((MeaningfulRatio - 1) * 100, 0)} % in both p99 and median (and {Number(MeaningfulMs, 0)} ms) for {string.Join(", ", neutral.Select(n => $"`{n.Query}`"))} up to {Rows(largestRows)} rows.");
        }
    }

    /// <summary>The p99 ratio when the median ratio agrees with it (both beyond <see cref="MeaningfulRatio"/> the same way), else 1.</summary>
    private static double Agreed(double p99Ratio, double medianRatio) =>
        (p99Ratio >= MeaningfulRatio && medianRatio >= MeaningfulRatio) || (p99Ratio <= 1 / MeaningfulRatio && medianRatio <= 1 / MeaningfulRatio) ? p99Ratio : 1;

    /// <summary>Indexes (other than the primary key) that no measured plan used, with what they cost.</summary>
    internal static IEnumerable<Recommendation> UnusedIndexes(CapacityData data)
    {
        foreach (var group in IndexesAtLargestSize(data).Where(i => !i.Used).GroupBy(i => (i.Size.Table, i.Size.Index)).OrderBy(g => g.Key.Index, StringComparer.Ordinal))
        {
            var costs = string.Join(", ", group.Select(i => $"{Bytes(i.Size.Bytes)} ({Number((double)i.Size.Bytes / i.Rows)} B per trade row) on {i.Variant} at {Rows(i.Rows)} rows"));
            yield return new Recommendation("unused-index", $"`{group.Key.Index}` on `{group.Key.Table}` costs {costs}, and no measured query used it: drop it unless a query outside this benchmark needs it.");
        }
    }

    /// <summary>Indexes that measured plans used, with the queries they served and their cost.</summary>
    internal static IEnumerable<Recommendation> UsedIndexes(CapacityData data)
    {
        foreach (var group in IndexesAtLargestSize(data).Where(i => i.Used).GroupBy(i => (i.Size.Table, i.Size.Index)).OrderBy(g => g.Key.Index, StringComparer.Ordinal))
        {
            var queries = data.Measurements
                .Where(m => group.Any(i => i.Variant == m.Variant))
                .SelectMany(m => m.Queries)
                .Where(q => q.IndexesUsed.Contains(group.Key.Index, StringComparer.OrdinalIgnoreCase))
                .Select(q => $"`{q.Query}`")
                .Distinct(StringComparer.Ordinal);
            var largest = group.MaxBy(i => i.Size.Bytes)!;
            yield return new Recommendation("index-earns-its-cost", $"`{group.Key.Index}` on `{group.Key.Table}` ({Bytes(largest.Size.Bytes)} on {largest.Variant} at {Rows(largest.Rows)} rows) serves {string.Join(", ", queries)}.");
        }
    }

    /// <summary>The smallest size at which each (variant, query) misses P95 or P99, or one line saying every query met them.</summary>
    internal static IEnumerable<Recommendation> TargetMisses(CapacityData data)
    {
        var targets = data.Targets;
        var any = false;
        foreach (var variant in data.Variants)
        {
            foreach (var query in data.QueryNames)
            {
                var miss = data.For(variant)
                    .Select(m => (m.TradeRows, Query: m.Queries.FirstOrDefault(q => q.Query == query)))
                    .FirstOrDefault(m => m.Query is not null && (m.Query.P95Ms >= targets.P95Ms || m.Query.P99Ms >= targets.P99Ms));
                if (miss.Query is { } q)
                {
                    any = true;
                    yield return new Recommendation("target-missed", $"`{query}` on {variant} misses the target from {Rows(miss.TradeRows)} rows: p95 {Ms(q.P95Ms)}, p99 {Ms(q.P99Ms)} (targets {Ms(targets.P95Ms)} / {Ms(targets.P99Ms)}).");
                }
            }
        }

        if (!any && data.Measurements.Count > 0)
        {
            yield return new Recommendation("target-met", $"All {data.QueryNames.Count} queries met p95 < {Ms(data.Targets.P95Ms)} and p99 < {Ms(data.Targets.P99Ms)} on every variant up to {Rows(data.Measurements.Max(m => m.TradeRows))} rows.");
        }
    }

    /// <summary>Which variant sustains the highest rate within the targets at the largest size where capacity was measured.</summary>
    internal static IEnumerable<Recommendation> Capacity(CapacityData data)
    {
        var measured = data.Measurements.Where(m => m.CapacityRps is > 0).ToList();
        if (measured.Count == 0)
        {
            yield break;
        }

        var rows = measured.Max(m => m.TradeRows);
        var atSize = measured.Where(m => m.TradeRows == rows).OrderByDescending(m => m.CapacityRps).ToList();
        var best = atSize[0];

        // A capacity at the search's ceiling is a lower bound: its ratio to another is one too, and two of them do not compare.
        var others = atSize.Skip(1).Select(m => m.CapacityIsLowerBound
            ? $"{m.Variant} also passed every step (≥ {Number(m.CapacityRps!.Value, 0)})"
            : $"{(best.CapacityIsLowerBound ? "≥ " : string.Empty)}{Ratio(best.CapacityRps!.Value / m.CapacityRps!.Value)} {m.Variant}'s {Number(m.CapacityRps.Value, 0)}");
        var comparison = atSize.Count > 1 ? $", {string.Join(" and ", others)}" : string.Empty;
        var amount = best.CapacityIsLowerBound ? $"at least {Number(best.CapacityRps!.Value, 0)} req/s (no step of the search failed; raise its maximum rate)" : $"{Number(best.CapacityRps!.Value, 0)} req/s";
        var verb = best.CapacityIsLowerBound && atSize.Skip(1).Any(m => m.CapacityIsLowerBound) ? "sustains" : "sustains the most load";
        yield return new Recommendation("capacity", $"At {Rows(rows)} rows {best.Variant} {verb} within p95/p99 targets: {amount}{comparison}.");
    }

    /// <summary>Bytes per trade row per variant and what the extra indexes cost.</summary>
    internal static IEnumerable<Recommendation> Storage(IReadOnlyList<StorageFit> storage)
    {
        if (storage.Count == 0)
        {
            yield break;
        }

        var least = storage.MinBy(s => s.BytesPerRow)!;
        foreach (var fit in storage.Where(s => s != least).OrderBy(s => s.Variant))
        {
            var extra = least.BytesPerRow > 0 ? (fit.BytesPerRow / least.BytesPerRow - 1) * 100 : 0;
            yield return new Recommendation("storage", $"{fit.Variant} stores {Number(fit.BytesPerRow, 0)} B per trade row ({Number(fit.DataBytesPerRow, 0)} data + {Number(fit.IndexBytesPerRow, 0)} index), {Number(extra, 0)} % more than {least.Variant}'s {Number(least.BytesPerRow, 0)} B.");
        }
    }

    /// <summary>Per query: which variants reach the P99 target within the reader's horizon and which stay under it.</summary>
    /// <remarks>A crossing far beyond <paramref name="largestMeasuredRows"/> says how far it is extrapolated.</remarks>
    internal static IEnumerable<Recommendation> Headroom(IReadOnlyList<HeadroomProjection> headroom, GrowthAssumptions? assumptions, LatencyTargets targets, long largestMeasuredRows)
    {
        if (assumptions is null || headroom.Count == 0)
        {
            yield break;
        }

        var who = $"With {assumptions.Profiles} profiles × {Number(assumptions.TradesPerDayPerProfile)} trades/day";
        var allFine = true;
        foreach (var query in headroom.GroupBy(h => h.Query, StringComparer.Ordinal))
        {
            var late = query.Where(h => h.Status is HeadroomStatus.AlreadyOver or HeadroomStatus.ReachedWithinHorizon).OrderBy(h => h.Variant).ToList();
            if (late.Count == 0)
            {
                continue;
            }

            allFine = false;
            var fine = query.Where(h => h.Status is HeadroomStatus.BeyondHorizon or HeadroomStatus.NoGrowth).Select(h => h.Variant.ToString()).ToList();
            var misses = string.Join("; ", late.Select(h => h.Status == HeadroomStatus.AlreadyOver
                ? $"{h.Variant} is over p99 {Ms(targets.P99Ms)} already"
                : $"{h.Variant} ({h.Fit.Model.ToString().ToLowerInvariant()} fit) reaches p99 {Ms(targets.P99Ms)} at ~{Rows(h.RowsAtTarget!.Value)} rows, around {Date(h.DateAtTarget!.Value)}{Extrapolation(h.RowsAtTarget.Value, largestMeasuredRows)}"));
            var keep = fine.Count > 0 ? $"{string.Join(" and ", fine)} stay{(fine.Count == 1 ? "s" : string.Empty)} under it through {Date(assumptions.EndDate)}" : "no variant stays under it through the horizon";
            yield return new Recommendation("headroom", $"{who}, `{query.Key}`: {misses}; {keep}.");
        }

        if (allFine)
        {
            yield return new Recommendation("headroom", $"{who}, every measured query stays under p99 {Ms(targets.P99Ms)} on every variant through {Date(assumptions.EndDate)} ({Rows(assumptions.RowsOn(assumptions.EndDate))} rows) by its fitted growth.");
        }
    }

    private static string Extrapolation(double rows, long largestMeasuredRows) =>
        largestMeasuredRows > 0 && rows > 2.0 * largestMeasuredRows ? $" (extrapolated {Ratio(rows / largestMeasuredRows)} beyond the largest size measured)" : string.Empty;

    private static IEnumerable<(SchemaVariant Variant, long Rows, IndexSize Size, bool Used)> IndexesAtLargestSize(CapacityData data)
    {
        foreach (var variant in data.Variants)
        {
            var measurements = data.For(variant);
            var largest = measurements[^1];
            var used = measurements.SelectMany(m => m.Queries).SelectMany(q => q.IndexesUsed).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var index in largest.Indexes.Where(i => !i.Index.Equals("PRIMARY", StringComparison.OrdinalIgnoreCase)))
            {
                yield return (variant, largest.TradeRows, index, used.Contains(index.Index));
            }
        }
    }
}
