using System.Globalization;

namespace Perf.Seed;

/// <summary>Formats progress and results for people, in invariant culture.</summary>
internal static class ProgressText
{
    /// <summary>A phase's description, e.g. <c>loading telemetry_basic</c>.</summary>
    public static string Title(SeedProgress progress) =>
        progress.Phase switch
        {
            SeedPhase.Preparing => "preparing",
            SeedPhase.Loading => $"loading {progress.Database}",
            SeedPhase.Indexing => $"indexing {progress.Database}",
            SeedPhase.RollingUp => $"rolling up metrics in {progress.Database}",
            SeedPhase.Copying => $"copying into {progress.Database}",
            SeedPhase.Checking => $"checking {progress.Database}",
            _ => "done",
        } + (progress.Detail is { } detail ? $" ({detail})" : string.Empty);

    /// <summary>One progress line with rows, rate and ETA when the phase counts rows.</summary>
    /// <param name="progress">The report.</param>
    /// <param name="elapsed">The time since the phase's first report in this run.</param>
    /// <param name="doneAtStart">Units already done at that first report (a resumed load's committed rows): not done in <paramref name="elapsed"/>.</param>
    public static string Line(SeedProgress progress, TimeSpan elapsed, long doneAtStart)
    {
        var title = Title(progress);
        if (progress.Total <= 0)
        {
            return $"[seed] {title}";
        }

        var rate = elapsed.TotalSeconds > 0.5 ? Math.Max(0, progress.Done - doneAtStart) / elapsed.TotalSeconds : 0;
        var remaining = rate > 0 && progress.TablesToCome == 0 ? TimeSpan.FromSeconds((progress.Total - progress.Done) / rate) : (TimeSpan?)null;
        var share = progress.TablesToCome > 0
            ? $"so far, {TablesToCome(progress.TablesToCome)}"
            : string.Create(CultureInfo.InvariantCulture, $"{100.0 * progress.Done / progress.Total:F0}%");
        return string.Create(CultureInfo.InvariantCulture,
            $"[seed] {title}: {progress.Done:N0}/{progress.Total:N0} {progress.Unit} ({share}), {Rate(rate, progress.Unit)}, ETA {Eta(remaining)}");
    }

    /// <summary>A speed in what a phase counts, e.g. <c>12,345 rows/s</c> or <c>0.8 tables/s</c> (tenths for the units other than rows).</summary>
    public static string Rate(double perSecond, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{perSecond.ToString(unit == "rows" ? "N0" : "F1", CultureInfo.InvariantCulture)} {unit}/s");

    /// <summary>How many tables will still join a count, e.g. <c>1 more table to come</c>.</summary>
    public static string TablesToCome(int tables) =>
        string.Create(CultureInfo.InvariantCulture, $"{tables} more {(tables == 1 ? "table" : "tables")} to come");

    /// <summary>A time left as hours:minutes:seconds (every hour, past a day too), or <c>--:--:--</c> when it cannot be told.</summary>
    public static string Eta(TimeSpan? remaining) =>
        remaining is { } r ? string.Create(CultureInfo.InvariantCulture, $"{(long)r.TotalHours:00}:{r:mm\\:ss}") : "--:--:--";

    /// <summary>The summary line of a run.</summary>
    public static string Summary(SeedResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var rows = result.RowCounts.Values.Sum();
        var actions = string.Join(", ", result.Variants.Select(v => $"{v.Database} {v.Action.ToString().ToLowerInvariant()}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"seeded seed={result.Seed} scale={result.Scale} from={result.Spec.From:yyyy-MM-dd} to={result.Spec.To:yyyy-MM-dd}: {rows:N0} rows per variant ({string.Join(", ", result.RowCounts.Select(kv => $"{kv.Key} {kv.Value:N0}"))}); wrote {result.RowsWritten:N0} rows in {result.Seconds:F1} s ({result.RowsPerSecond:N0} rows/s); checksum {result.Checksum}; {(result.SeederPeakRssBytes is { } rss ? $"peak RSS {rss / (1024.0 * 1024.0):F0} MB; " : string.Empty)}CPU {(result.ServerCpuSeconds is { } server ? $"server {server:F0} + " : string.Empty)}seeder {result.SeederCpuSeconds:F0} core-s; {Cores(result.CoreUse)}{actions}");

        // The machine's core-seconds over the run: busy ones are work (every process's), the others room a run left unused.
        static string Cores(IReadOnlyList<CoreUse>? stretches) => stretches is null or { Count: 0 } ? string.Empty : string.Create(CultureInfo.InvariantCulture,
            $"machine {stretches.Sum(c => c.Busy * c.Seconds):F0} busy, {stretches.Sum(c => c.IoWait * c.Seconds):F0} I/O wait, {stretches.Sum(c => c.Idle * c.Seconds):F0} idle core-s; ");
    }
}
