using System.Globalization;
using System.Text.Json;
using Perf.Bench.Plans;
using Perf.Harness.Results;
using Telemetry.CommandLine;

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

    /// <summary>Reads the baseline a command gates on, before it provisions or seeds anything: a bad file costs nothing.</summary>
    /// <param name="path">The baseline file.</param>
    /// <param name="option">The option that names it, for the message: <c>--baseline</c>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="UsageException">The file is missing, a folder, unreadable or not a plan baseline: one line naming <paramref name="option"/>.</exception>
    public static async Task<PlanBaseline> ReadOptionAsync(string path, string option, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            throw new UsageException($"{option}: {path} is a folder, not a plan baseline.");
        }

        if (!File.Exists(path))
        {
            throw new UsageException($"{option}: no plan baseline at {path}; create it with `bench gate --update-baseline`.");
        }

        try
        {
            return await ReadAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            throw new UsageException($"{option}: {ex.Message} Restore it from git, or re-take it with `bench gate --update-baseline`.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{option}: cannot read {path}: {ex.Message}", ex);
        }
    }

    /// <summary>Reads a baseline file.</summary>
    /// <exception cref="FileNotFoundException">There is no baseline yet.</exception>
    /// <exception cref="InvalidDataException">The file is not a plan baseline (malformed, a member missing or null, a negative count, or two entries for one query and variant).</exception>
    public static async Task<PlanBaseline> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var baseline = await ResultJson.ReadAsync<PlanBaseline>(path, "a plan baseline", "holds no baseline.", strict: true, cancellationToken).ConfigureAwait(false);
        if (baseline.Entries.Contains(null))
        {
            throw new InvalidDataException($"{path} is not a plan baseline: an entry is null.");
        }

        // A negative bound fails every plan against it, and a negative partition count every partitioned one.
        if (baseline.Entries.FirstOrDefault(e => e.RowsRead < 0 || e.MaxRowsRead < 0 || e.Partitions < 0) is { } negative)
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{path} is not a plan baseline: {negative.Key} has rowsRead {negative.RowsRead}, maxRowsRead {negative.MaxRowsRead} and partitions {negative.Partitions}; each must be 0 or more."));
        }

        // A hand edit can repeat an entry; the gate would have to pick one of two expectations.
        return baseline.Entries.GroupBy(e => e.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } repeated
            ? throw new InvalidDataException($"{path} is not a plan baseline: {repeated.Key} has {repeated.Count()} entries.")
            : baseline;
    }

    /// <summary>Writes the baseline file (indented, stable order) whole or not at all, creating its folder when missing.</summary>
    public async Task WriteAsync(string path, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await WholeFile.WriteAsync(
            path,
            async (stream, ct) =>
            {
                await JsonSerializer.SerializeAsync(stream, this, ResultWriter.JsonOptions, ct).ConfigureAwait(false);
                await stream.WriteAsync("\n"u8.ToArray(), ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }
}
