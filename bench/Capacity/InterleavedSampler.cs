using System.Diagnostics;
using MySqlConnector;
using Perf.Analysis.Capacity;
using Perf.Bench.Queries;
using Perf.Harness.Provisioning;

namespace Perf.Bench.Capacity;

/// <summary>Times every query case on every arm in interleaved rounds: a warm-up pass, then rounds in which the arms take turns in a rotating order (A B C, B C A, C A B, …).</summary>
/// <remarks>
/// Machine drift (other builds, a noisy neighbour) then hits every arm alike, and rounds spread over the whole measurement
/// are close to independent, which the rank test between arms needs. Each round runs every case; a case whose warm-up
/// shows that <c>rounds × arms × executions</c> would overrun the case budget runs fewer executions per round (at least one,
/// and for a query the API serves at least what a bounded p95 needs: <see cref="MinimumPerRound"/>).
/// The buffer pool counters are read around each arm's executions of a case in a round (outside the timings).
/// </remarks>
internal static class InterleavedSampler
{
    /// <summary>Per (arm index, case index): the executions' milliseconds and page counters, round by round.</summary>
    public static async Task<CaseSamples[,]> MeasureAsync(
        IReadOnlyList<MeasurementArm> arms, IReadOnlyList<QueryCase> cases, int rounds, int executions, TimeSpan caseBudget, BufferPoolCounters counters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arms);
        ArgumentNullException.ThrowIfNull(cases);
        var perRound = new int[cases.Count];
        var samples = NewGrid(arms.Count, cases.Count);
        for (var c = 0; c < cases.Count; c++)
        {
            double slowest = 0;
            for (var a = 0; a < arms.Count; a++)
            {
                var (ms, timedOut) = await TimeAsync(cases[c], arms[a], cancellationToken).ConfigureAwait(false);
                if (timedOut)
                {
                    // Its warm-up already ran past the command timeout: one censored sample, and no rounds that would only repeat it.
                    samples[a, c].Add([ms], new PageCounts(0, 0, 0), timedOut: true);
                    continue;
                }

                slowest = Math.Max(slowest, ms);
            }

            var affordable = caseBudget.TotalMilliseconds / (rounds * Math.Max(slowest, 0.001));
            perRound[c] = (int)Math.Clamp(Math.Floor(affordable), MinimumPerRound(cases[c], rounds, executions), executions);
        }

        for (var round = 0; round < rounds; round++)
        {
            await RunRoundAsync(arms, cases, round, perRound, samples, counters, cancellationToken).ConfigureAwait(false);
        }

        return samples;
    }

    /// <summary>The fewest executions per round the budget may leave a case: for a query the API serves, enough for a bounded p95 (the latency target's percentile), within <paramref name="executions"/>.</summary>
    /// <remarks>Otherwise a noisy warm-up decides whether a slow query's p95 is supported, and two runs over the same data disagree on what they can project.</remarks>
    internal static int MinimumPerRound(QueryCase queryCase, int rounds, int executions) =>
        queryCase.ServedByApi ? Math.Min(executions, (int)Math.Ceiling(OrderStatistics.SamplesNeeded(95) / (double)rounds)) : 1;

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

    /// <summary>One round: every case, the arms taking turns starting at arm <c>round mod arms</c>, <paramref name="perRound"/> executions each.</summary>
    public static async Task RunRoundAsync(
        IReadOnlyList<MeasurementArm> arms, IReadOnlyList<QueryCase> cases, int round, IReadOnlyList<int> perRound, CaseSamples[,] samples, BufferPoolCounters counters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arms);
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(perRound);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(counters);
        for (var c = 0; c < cases.Count; c++)
        {
            for (var turn = 0; turn < arms.Count; turn++)
            {
                var a = ArmAt(round, turn, arms.Count);
                if (samples[a, c].TimedOut)
                {
                    continue;
                }

                var times = new List<double>(perRound[c]);
                var timedOut = false;
                var before = await counters.ReadAsync(cancellationToken).ConfigureAwait(false);
                for (var e = 0; e < perRound[c] && !timedOut; e++)
                {
                    (var ms, timedOut) = await TimeAsync(cases[c], arms[a], cancellationToken).ConfigureAwait(false);
                    times.Add(ms);
                }

                var after = await counters.ReadAsync(cancellationToken).ConfigureAwait(false);
                samples[a, c].Add(times, PageCounts.Between(before, after, times.Count), timedOut);
            }
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
