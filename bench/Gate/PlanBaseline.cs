using System.Text.Json;
using Perf.Bench.Plans;
using Perf.Harness.Results;

namespace Perf.Bench.Gate;

/// <summary>The committed expectations of the plan gate (<c>bench/plan-baseline.json</c>).</summary>
/// <param name="Dataset">The dataset the baseline was taken on (<see cref="DatasetInfo.Describe"/>: scale, seed, checksum and every table's rows): gating other data compares apples with pears.</param>
/// <param name="Server">The server flavour and version it was taken on.</param>
/// <param name="Entries">One entry per (query, variant).</param>
public sealed record PlanBaseline(string Dataset, string Server, IReadOnlyList<PlanBaselineEntry> Entries)
{
    /// <summary>The handler reads a plan may make before the gate fails: exactly those recorded.</summary>
    /// <remarks>
    /// Handler reads repeat exactly on the same data, server and plan, and the gate refuses another dataset or server
    /// (<see cref="Differences"/>); a fresh seed's capture matched all 78 entries row for row. Any headroom would only hide
    /// a query that reads more. An entry's <c>maxRowsRead</c> can still be raised by hand, with the reason in the commit.
    /// </remarks>
    public static long Bound(long rowsRead) => rowsRead;

    /// <summary>The differences between the baseline's dataset and server and this run's, one line each; empty when they match.</summary>
    public IReadOnlyList<string> Differences(string dataset, string server)
    {
        var differences = new List<string>();
        if (!string.Equals(Dataset, dataset, StringComparison.Ordinal))
        {
            differences.Add($"dataset: baseline {Dataset}, this run {dataset}");
        }

        if (!string.Equals(Server, server, StringComparison.Ordinal))
        {
            differences.Add($"server: baseline {Server}, this run {server}");
        }

        return differences;
    }

    /// <summary>A baseline from captured plans.</summary>
    public static PlanBaseline From(string dataset, string server, IEnumerable<PlanResult> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        return new PlanBaseline(dataset, server, [.. plans.Select(p => new PlanBaselineEntry(
            p.Query, p.Variant, p.AccessType, p.Index, p.RowsRead, Bound(p.RowsRead), p.Partitions.Count, p.Filesort))]);
    }

    /// <summary>Reads a baseline file.</summary>
    /// <exception cref="FileNotFoundException">There is no baseline yet.</exception>
    /// <exception cref="InvalidDataException">The file is not a plan baseline (malformed, a member missing or null, or two entries for one query and variant).</exception>
    public static async Task<PlanBaseline> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var baseline = await ResultJson.ReadAsync<PlanBaseline>(path, "a plan baseline", "holds no baseline.", strict: true, cancellationToken).ConfigureAwait(false);
        if (baseline.Entries.Contains(null))
        {
            throw new InvalidDataException($"{path} is not a plan baseline: an entry is null.");
        }

        // A hand edit can repeat an entry; the gate would have to pick one of two expectations.
        return baseline.Entries.GroupBy(e => e.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated
            ? throw new InvalidDataException($"{path} is not a plan baseline: {repeated.Key} has {repeated.Count()} entries.")
            : baseline;
    }

    /// <summary>Writes the baseline file (indented, stable order), creating its folder when missing.</summary>
    public async Task WriteAsync(string path, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, this, ResultWriter.JsonOptions, cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
    }
}
