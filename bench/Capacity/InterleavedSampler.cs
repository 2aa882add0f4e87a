using System.Diagnostics;
using MySqlConnector;
using Perf.Analysis.Capacity;
using Perf.Bench.Queries;
using Perf.Harness.Provisioning;

namespace Perf.Bench.Capacity;

/// <summary>Times every query case on every arm in interleaved rounds: a warm-up pass, then rounds in which the arms take turns in a rotating order (A B C, B C A, C A B, …).</summary>
/// <remarks>
/// Machine drift (other builds, a noisy neighbour) then hits every arm alike, and rounds spread over the whole measurement
/// are close to independent, which the rank test between arms needs. Each round runs every case; an arm whose warm-up
/// shows that <c>rounds × executions</c> of a case would overrun the case budget runs fewer executions of it per round
/// (<see cref="PerRound"/>: at least one, and for a query the API serves at least what a bounded p95 needs, unless two
/// warm-up runs were already over the p95 target). The buffer pool counters are read around each arm's executions of a case in
/// a round (outside the timings).
/// </remarks>
internal static class InterleavedSampler
{
    /// <summary>Per (arm index, case index): the executions' milliseconds and page counters, round by round.</summary>
    /// <param name="progress">Told, after the warm-up, how long the rounds should take.</param>
    public static async Task<CaseSamples[,]> MeasureAsync(
        IReadOnlyList<MeasurementArm> arms, IReadOnlyList<QueryCase> cases, int rounds, int executions, TimeSpan caseBudget, BufferPoolCounters counters, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arms);
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(progress);
        var perRound = new int[arms.Count, cases.Count];
        var samples = NewGrid(arms.Count, cases.Count);
        double plannedMs = 0;
        var overTarget = new List<string>();
        for (var c = 0; c < cases.Count; c++)
        {
            for (var a = 0; a < arms.Count; a++)
            {
                var (ms, timedOut) = await TimeAsync(arms[a].CaseAt(cases, c), arms[a], cancellationToken).ConfigureAwait(false);
                var overTargetOnce = cases[c].ServedByApi && ms >= LatencyTargets.Default.P95Ms;
                if (!timedOut && overTargetOnce)
                {
                    // A first execution can be slow for a reason that passes (its pages read from disk): the second decides.
                    (ms, timedOut) = await TimeAsync(arms[a].CaseAt(cases, c), arms[a], cancellationToken).ConfigureAwait(false);
                }

                if (timedOut)
                {
                    // Its warm-up already ran past the command timeout: one censored sample, and no rounds that would only repeat it.
                    samples[a, c].Add([ms], new PageCounts(0, 0, 0), timedOut: true);
                    continue;
                }

                perRound[a, c] = PerRound(cases[c], ms, rounds, executions, caseBudget);
                plannedMs += rounds * perRound[a, c] * ms;
                if (overTargetOnce && ms >= LatencyTargets.Default.P95Ms)
                {
                    overTarget.Add($"{cases[c].Name} on {arms[a].Name}");
                }
            }
        }

        var planned = TimeSpan.FromMilliseconds(plannedMs);
        progress($"warm-up done: the rounds should take about {(planned.TotalMinutes < 1 ? $"{planned.TotalSeconds:0} s" : $"{planned.TotalMinutes:0.0} min")}"
            + (overTarget.Count > 0 ? $"; over the p95 target twice in the warm-up, so run once a round (or as the budget affords): {string.Join(", ", overTarget)}" : string.Empty));
        for (var round = 0; round < rounds; round++)
        {
            await RunRoundAsync(arms, cases, round, (a, c) => perRound[a, c], samples, counters, cancellationToken).ConfigureAwait(false);
        }

        return samples;
    }

    /// <summary>How many times an arm runs a case each round, from its warm-up time: as many as <paramref name="caseBudget"/> affords over the rounds, within <paramref name="executions"/>, and never under <see cref="MinimumPerRound"/>.</summary>
    internal static int PerRound(QueryCase queryCase, double warmUpMs, int rounds, int executions, TimeSpan caseBudget)
    {
        var affordable = caseBudget.TotalMilliseconds / (rounds * Math.Max(warmUpMs, 0.001));
        return (int)Math.Clamp(Math.Floor(affordable), MinimumPerRound(queryCase, warmUpMs, rounds, executions), executions);
    }

    /// <summary>
    /// The fewest executions per round the budget may leave an arm's case: for a query the API serves, enough for a bounded
    /// p95 (the latency target's percentile), within <paramref name="executions"/>; one when its warm-up ran over the p95
    /// target (twice: <see cref="MeasureAsync"/>).
    /// </summary>
    /// <remarks>
    /// The minimum keeps a noisy warm-up from deciding whether a query's p95 is supported, so that two runs over the same data
    /// agree on what they can project. A query already over the target needs no bounded p95: its lower bound alone shows it
    /// over (<see cref="QuantileEstimate.IsOver"/>: 2 samples suffice for a p95), and the 72 executions the interval needs
    /// would take minutes to hours for the disk scans of a small buffer pool (seconds to tens of seconds each).
    /// </remarks>
    internal static int MinimumPerRound(QueryCase queryCase, double warmUpMs, int rounds, int executions) =>
        queryCase.ServedByApi && warmUpMs < LatencyTargets.Default.P95Ms
            ? Math.Min(executions, (int)Math.Ceiling(OrderStatistics.SamplesNeeded(95) / (double)rounds))
            : 1;

    /// <summary>An empty grid of samples per (arm, case).</summary>
    public static CaseSamples[,] NewGrid(int arms, int cases)
    {
        var samples = new CaseSamples[arms, cases];
        for (var a = 0; a < arms; a++)
        {
            for (var c = 0; c < cases; c++)
            {
                samples[a, c] = new CaseSamples();
            }
        }

        return samples;
    }

    /// <summary>One round: every case, the arms taking turns starting at arm <c>round mod arms</c>, each running a case <paramref name="perRound"/>(arm, case) times.</summary>
    public static async Task RunRoundAsync(
        IReadOnlyList<MeasurementArm> arms, IReadOnlyList<QueryCase> cases, int round, Func<int, int, int> perRound, CaseSamples[,] samples, BufferPoolCounters counters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cases);
        for (var c = 0; c < cases.Count; c++)
        {
            await RunCaseAsync(arms, cases, c, round, perRound, samples, counters, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Case <paramref name="c"/> of one round: the arms taking turns starting at arm <c>round mod arms</c>, each running it <paramref name="perRound"/>(arm, case) times.</summary>
    public static async Task RunCaseAsync(
        IReadOnlyList<MeasurementArm> arms, IReadOnlyList<QueryCase> cases, int c, int round, Func<int, int, int> perRound, CaseSamples[,] samples, BufferPoolCounters counters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arms);
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(perRound);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(counters);
        for (var turn = 0; turn < arms.Count; turn++)
        {
            var a = ArmAt(round, turn, arms.Count);
            if (samples[a, c].TimedOut)
            {
                continue;
            }

            var executions = perRound(a, c);
            var times = new List<double>(executions);
            var timedOut = false;
            var before = await counters.ReadAsync(cancellationToken).ConfigureAwait(false);
            for (var e = 0; e < executions && !timedOut; e++)
            {
                (var ms, timedOut) = await TimeAsync(arms[a].CaseAt(cases, c), arms[a], cancellationToken).ConfigureAwait(false);
                times.Add(ms);
            }

            var after = await counters.ReadAsync(cancellationToken).ConfigureAwait(false);
            samples[a, c].Add(times, PageCounts.Between(before, after, times.Count), timedOut);
        }
    }

    /// <summary>The arm that takes turn <paramref name="turn"/> in round <paramref name="round"/>: the order rotates by one arm a round (A B C, B C A, C A B, …), so over any <paramref name="arms"/> consecutive rounds every arm takes every position once.</summary>
    internal static int ArmAt(int round, int turn, int arms) => (turn + round) % arms;

    /// <summary>One execution's milliseconds; past the command timeout, the time until the server gave up, marked as timed out (a lower bound).</summary>
    private static async Task<(double Ms, bool TimedOut)> TimeAsync(QueryCase queryCase, MeasurementArm arm, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await queryCase.RunAsync(arm.Queries, cancellationToken).ConfigureAwait(false);
            return (Stopwatch.GetElapsedTime(start).TotalMilliseconds, false);
        }
        catch (MySqlException ex) when (ex.ErrorCode is MySqlErrorCode.CommandTimeoutExpired or MySqlErrorCode.QueryInterrupted && !cancellationToken.IsCancellationRequested)
        {
            return (Stopwatch.GetElapsedTime(start).TotalMilliseconds, true);
        }
    }
}
