using System.Globalization;
using System.Text.Json;
using Perf.Analysis.Capacity;
using Perf.Harness.Results;
using Perf.Load.Capacity;
using Telemetry.Data.Schema;

namespace Perf.Bench.Capacity;

/// <summary>Finds the highest request rate meeting the P95/P99 thresholds with the load runner's <c>capacity</c> search, over the in-process API with caching off; 0 when even the lowest rate failed, a lower bound when no step failed or the search stopped on an INVALID step, null when its lowest rate was INVALID.</summary>
/// <remarks>
/// <c>--max-send-lag 100ms</c>: on a shared machine the dispatcher misses the default 25 ms at modest rates. Latency is
/// measured from the intended send time, so lag only ever lowers the capacity found, never raises it.
/// </remarks>
internal static class CapacityProbe
{
    public static async Task<CapacityFinding?> MeasureAsync(
        string repositoryRoot, string adminConnectionString, SchemaVariant variant, string prefix, CapacitySearch search, string outputDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        var c = CultureInfo.InvariantCulture;
        string[] arguments =
        [
            "capacity", "--variant", variant.ToString().ToLowerInvariant(), "--prefix", prefix, "--no-cache",
            "--start-rate", search.StartRate.ToString(c), "--step", search.Step.ToString(c), "--max-rate", search.MaxRate.ToString(c),
            "--step-duration", search.StepDuration.TotalSeconds.ToString(c) + "s", "--warmup", "2s", "--max-send-lag", "100ms", "--results", outputDirectory, "--quiet",
        ];
        var exitCode = await LoadProcess.RunAsync(repositoryRoot, arguments, adminConnectionString, cancellationToken).ConfigureAwait(false);
        var path = Path.Combine(outputDirectory, "capacity.json");
        if (!File.Exists(path))
        {
            await Console.Error.WriteLineAsync($"bench: capacity search of {variant} wrote no capacity.json (exit {exitCode}); capacity not measured.").ConfigureAwait(false);
            return null;
        }

        return await ReadAsync(path, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads <c>capacity.json</c> as the load program's own result type, with the settings it was written with: the capacity (0 when no step passed), whether it is only a lower bound, and the buffer pool's counters at the capacity; null when the search stopped at its lowest rate on an INVALID step.</summary>
    internal static async Task<CapacityFinding?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            var result = await JsonSerializer.DeserializeAsync<CapacityResult>(stream, ResultWriter.JsonOptions, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"{path} is empty.");
            if (result.MaxPassingRate is null && result.StoppedNotSettled)
            {
                // The lowest rate neither held nor missed a threshold: the search says nothing about the target either way.
                await Console.Error.WriteLineAsync($"bench: capacity search in {Path.GetDirectoryName(path)} stopped at its lowest rate on a NOT SETTLED step (a threshold neither shown to hold nor missed); capacity not measured.").ConfigureAwait(false);
                return null;
            }

            if (result.MaxPassingRate is null && result.StoppedInvalid)
            {
                // The lowest rate's generator could not keep its schedule and no threshold was missed by more than that
                // explains: the search says nothing about the target, neither that it meets the targets nor that it misses them.
                await Console.Error.WriteLineAsync($"bench: capacity search in {Path.GetDirectoryName(path)} stopped at its lowest rate on an INVALID step (the load generator could not keep its schedule); capacity not measured.").ConfigureAwait(false);
                return null;
            }

            // A search stopped by an INVALID or NOT SETTLED step bounds the capacity from below only, as one that reached its maximum rate.
            return new CapacityFinding(result.MaxPassingRate ?? 0, result.ReachedMaxRate || result.StoppedInvalid || result.StoppedNotSettled, result.PagesAtCapacity);
        }
    }
}

/// <summary>What the report keeps of a capacity search: the capacity (0 when no step passed), whether it is only a lower bound, and the buffer pool's counters at it.</summary>
internal sealed record CapacityFinding(double Rps, bool IsLowerBound, PageCounts? Pages);
