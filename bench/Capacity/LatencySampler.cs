using System.Diagnostics;
using Perf.Bench.Queries;
using Perf.Harness.Reports;

namespace Perf.Bench.Capacity;

/// <summary>Times one query case through the real query layer: one warm-up, then up to N runs or until the budget is spent (at least 5).</summary>
internal static class LatencySampler
{
    private const int MinimumSamples = 5;

    public static async Task<LatencySample> MeasureAsync(QueryCase queryCase, QuerySet queries, int samples, TimeSpan budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queryCase);
        await queryCase.RunAsync(queries, cancellationToken).ConfigureAwait(false);
        var times = new List<double>(samples);
        var spent = Stopwatch.StartNew();
        while (times.Count < samples && (times.Count < MinimumSamples || spent.Elapsed < budget))
        {
            var start = Stopwatch.GetTimestamp();
            await queryCase.RunAsync(queries, cancellationToken).ConfigureAwait(false);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return new LatencySample(Percentile.NearestRank(times, 50), Percentile.NearestRank(times, 95), Percentile.NearestRank(times, 99), times.Count);
    }
}
