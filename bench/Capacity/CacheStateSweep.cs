using Perf.Analysis.Capacity;
using Perf.Harness.Provisioning;
using Telemetry.CommandLine;
using Telemetry.Data.Queries;

namespace Perf.Bench.Capacity;

/// <summary>
/// The cold and memory-constrained measurements of one size, on the local server it restarts: cold rounds run every
/// query once, each from a restart; a memory-constrained variant runs alone on a server whose buffer pool is
/// <c>--buffer-pool</c>, with a warm-up and the usual rounds (and the capacity search). Both read data files with
/// <c>O_DIRECT</c>, so a page the pool lacks comes from the disk. The server is restarted with its usual settings at the end.
/// </summary>
internal static class CacheStateSweep
{
    public static async Task<List<VariantMeasurement>> RunAsync(CacheStateRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var measured = new List<VariantMeasurement>();
        try
        {
            if (run.Options.CacheStates.Contains(CacheState.Cold))
            {
                measured.AddRange(await ColdAsync(run, cancellationToken).ConfigureAwait(false));
            }

            if (run.Options.CacheStates.Contains(CacheState.Constrained))
            {
                foreach (var pool in run.Options.ConstrainedPools)
                {
                    foreach (var arm in run.Arms)
                    {
                        measured.Add(await ConstrainedAsync(run, arm, pool, cancellationToken).ConfigureAwait(false));
                    }
                }
            }
        }
        finally
        {
            await run.Server.RestartAsync(ServerRestart.Usual, CancellationToken.None).ConfigureAwait(false);
        }

        return measured;
    }

    /// <summary>
    /// Rounds in which every query runs once on every variant from a restarted server with an empty pool: one restart per
    /// query and round, the variants taking turns in a rotating order (their tables share no pages).
    /// </summary>
    /// <remarks>
    /// One restart per round, with the queries run one after another, measured only the first query cold: the rest found
    /// the pages the ones before had read (the cold rows of <c>results/2026-12-05-knee-10m/measurements.json</c>: every
    /// <c>summary/hot/7d</c> and <c>summary/cold/*</c> execution and Basic's <c>metrics/monthly</c> read no page from disk,
    /// <c>trades_page/hot/7d</c> after <c>/1d</c> 9 per execution against its 50).
    /// </remarks>
    private static async Task<IEnumerable<VariantMeasurement>> ColdAsync(CacheStateRun run, CancellationToken cancellationToken)
    {
        var samples = InterleavedSampler.NewGrid(run.Arms.Count, run.Cases.Count);
        RestartedServer? restarted = null;
        var timedFrom = DateTimeOffset.UtcNow;
        CapacitySweep.Progress($"size {run.Label}: cold, {run.Options.Rounds} rounds × {run.Cases.Count} queries, each query from a restarted server");
        for (var round = 0; round < run.Options.Rounds; round++)
        {
            for (var c = 0; c < run.Cases.Count; c++)
            {
                restarted = await run.Server.RestartAsync(new ServerRestart(DirectIo: true), cancellationToken).ConfigureAwait(false);
                await using var counters = await BufferPoolCounters.OpenAsync(run.Server.AdminConnectionString, cancellationToken).ConfigureAwait(false);
                var sets = Sets(run, run.Arms);
                try
                {
                    await InterleavedSampler.RunCaseAsync(sets, run.Cases, c, round, (_, _) => 1, samples, counters, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    await MeasurementArm.DisposeAllAsync(sets).ConfigureAwait(false);
                }
            }
        }

        var cache = new CacheCondition(CacheState.Cold, restarted!.BufferPoolBytes, restarted.FlushMethod, restarted.OsPageCacheDropped);
        var timedTo = DateTimeOffset.UtcNow;
        return run.Arms.Select((arm, a) => WarmOf(run, arm) with { CapacityRps = null, CapacityIsLowerBound = false, CapacityPages = null, Queries = arm.Measure(samples, a), Cache = cache, TimedFromUtc = timedFrom, TimedToUtc = timedTo });
    }

    /// <summary>One variant alone on a server whose pool is <paramref name="poolBytes"/> (one of <c>--buffer-pool</c>): a warm-up pass, the rounds, then the capacity search when asked for.</summary>
    private static async Task<VariantMeasurement> ConstrainedAsync(CacheStateRun run, SweepArm arm, long poolBytes, CancellationToken cancellationToken)
    {
        var options = run.Options;
        var restarted = await run.Server.RestartAsync(new ServerRestart(poolBytes, DirectIo: true), cancellationToken).ConfigureAwait(false);
        CapacitySweep.Progress($"size {run.Label}: {arm.Name} memory-constrained, {restarted.BufferPoolBytes / 1048576} MiB buffer pool, warm-up then {options.Rounds} rounds");
        CaseSamples[,] samples;
        var timedFrom = DateTimeOffset.UtcNow;
        await using (var counters = await BufferPoolCounters.OpenAsync(run.Server.AdminConnectionString, cancellationToken).ConfigureAwait(false))
        {
            var sets = Sets(run, [arm]);
            try
            {
                samples = await InterleavedSampler.MeasureAsync(sets, run.Cases, options.Rounds, options.Executions, options.CaseBudget, counters, CapacitySweep.Progress, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await MeasurementArm.DisposeAllAsync(sets).ConfigureAwait(false);
            }
        }

        var timedTo = DateTimeOffset.UtcNow;
        CapacityFinding? capacity = null;
        if (options.Capacity is { } search)
        {
            // One pool keeps the folder name it always had; several name theirs (10m-composite-constrained-64mib).
            var pool = options.ConstrainedPools.Count == 1 ? string.Empty : "-" + new ByteSize(poolBytes).ToString().Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
            var output = Path.Combine(run.ResultsDirectory, "capacity", $"{run.Label}-{arm.Variant.ToString().ToLowerInvariant()}-constrained{pool}");
            capacity = await CapacityProbe.MeasureAsync(run.RepositoryRoot, run.Server.AdminConnectionString, arm.Variant, run.Prefix, search, output, cancellationToken).ConfigureAwait(false);
        }

        var cache = new CacheCondition(CacheState.Constrained, restarted.BufferPoolBytes, restarted.FlushMethod, restarted.OsPageCacheDropped);
        return WarmOf(run, arm) with { CapacityRps = capacity?.Rps, CapacityIsLowerBound = capacity?.IsLowerBound ?? false, CapacityPages = capacity?.Pages, Queries = arm.Measure(samples, 0), Cache = cache, TimedFromUtc = timedFrom, TimedToUtc = timedTo };
    }

    private static VariantMeasurement WarmOf(CacheStateRun run, SweepArm arm) => run.Warm.First(m => m.Variant == arm.Variant);

    private static List<MeasurementArm> Sets(CacheStateRun run, IEnumerable<SweepArm> arms) =>
        [.. arms.Select(a => new MeasurementArm(a.Name, new QueryLayer(run.ReaderFor(a.Database))))];
}
