using System.Globalization;
using Perf.Analysis.Gates;
using Perf.Harness.CommandLine;
using Perf.Harness.Provisioning;
using Perf.Load.Cli;
using Perf.Load.Thresholds;
using Telemetry.CommandLine;
using Telemetry.Data.Schema;

namespace Perf.Bench.CiGate;

/// <summary>What <c>bench ci</c> checks.</summary>
/// <param name="Suites">Which suites run (<c>plans</c>, <c>load</c>, <c>timings</c>); the others are reported as skipped.</param>
/// <param name="BaseRevision">The revision to compare timings with (null: the merge base with main).</param>
/// <param name="BaselineDirectory">A stored timing baseline to compare with instead of a base revision, or null.</param>
/// <param name="UpdateBaseline">Write this run's head timings as the stored baseline in <paramref name="BaselineDirectory"/>.</param>
/// <param name="AllowDifferentEnvironment">Compare with a baseline (plans or timings) from another machine, server, dataset or schema.</param>
/// <param name="Timing">The timing rule.</param>
/// <param name="Rounds">Probe rounds per side.</param>
/// <param name="Executions">Timed executions per query per round.</param>
/// <param name="Warmup">Untimed executions per query per round.</param>
/// <param name="Cases">Only the queries whose names contain one of these (all API queries when empty).</param>
/// <param name="Variant">The variant whose timings are gated: the one the product ships.</param>
/// <param name="LoadRate">The load check's rate.</param>
/// <param name="LoadDuration">The load check's duration.</param>
/// <param name="ResultsDirectory">Where to write the run (default <c>results/runs/&lt;stamp&gt;-ci</c>).</param>
/// <param name="Provisioning">How to find or start the server.</param>
public sealed record CiOptions(
    IReadOnlySet<string> Suites,
    string? BaseRevision,
    string? BaselineDirectory,
    bool UpdateBaseline,
    bool AllowDifferentEnvironment,
    TimingGateOptions Timing,
    int Rounds,
    int Executions,
    int Warmup,
    IReadOnlyList<string> Cases,
    SchemaVariant Variant,
    double LoadRate,
    TimeSpan LoadDuration,
    string? ResultsDirectory,
    ProvisioningOptions Provisioning)
{
    /// <summary>The plan baseline the plan suite compares with (null: <c>bench/plan-baseline.json</c>); one taken on another server build or dataset gives way to the base revision's plans captured in the run.</summary>
    public string? PlanBaselinePath { get; init; }

    /// <summary>The plan suite.</summary>
    public const string PlansSuite = "plans";

    /// <summary>The load suite.</summary>
    public const string LoadSuite = "load";

    /// <summary>Every suite, in the order they run.</summary>
    public static IReadOnlyList<string> AllSuites { get; } = [PlansSuite, LoadSuite, TimingGate.Suite];

    /// <summary>Parses a <c>ci</c> command line (tests, and tools that compose the gate).</summary>
    /// <exception cref="UsageException">The command line is wrong.</exception>
    public static CiOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var harness = new HarnessOptions();
        var lines = new CiCommandLine(harness);
        var command = lines.CreateCi(args);
        harness.AddServerOptions(command);
        return lines.Read(CommandLineRunner.Parse(command, args));
    }

    /// <summary>Checks the values that only make sense together.</summary>
    /// <exception cref="UsageException">They do not.</exception>
    public void Validate()
    {
        var problem = this switch
        {
            { Timing.MaxRatio: not > 1 } => $"--max-ratio must exceed 1; got {Timing.MaxRatio.ToString(CultureInfo.InvariantCulture)}.",
            { Timing.MinDifferenceMs: not (>= 0 and < double.PositiveInfinity) } => $"--min-difference must be a number of milliseconds, 0 or more; got {Timing.MinDifferenceMs.ToString(CultureInfo.InvariantCulture)}.",
            { Timing.Alpha: not (> 0 and < 1) } => $"--alpha must lie in (0, 1); got {Timing.Alpha.ToString(CultureInfo.InvariantCulture)}.",
            { Suites.Count: 0 } => "--only names no suite; give plans, load or timings.",
            _ => null,
        };
        if (problem is not null)
        {
            throw new UsageException(problem);
        }

        if (Suites.Contains(LoadSuite))
        {
            RunOptions.PositiveRate(LoadRate, "--rate");
            if (LoadDuration <= TimeSpan.Zero)
            {
                throw new UsageException("--duration must be greater than zero: the load check measures for that long.");
            }

            // Fewer requests than a threshold needs would fail it as unbounded: a regression (99) reported where nothing
            // was measured worse.
            var neediest = Threshold.Defaults.MaxBy(t => t.RequestsNeeded)!;
            var requests = LoadRate * LoadDuration.TotalSeconds;
            if (requests < neediest.RequestsNeeded)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                    $"--rate {LoadRate:0.##} for --duration {LoadDuration.TotalSeconds:0.##} s sends {requests:0} requests; the load check's {neediest.Expression} threshold needs at least {neediest.RequestsNeeded} to be judged: raise either."));
            }
        }

        // Against a base revision the rounds are paired (signed-rank, smallest p 2^-n); against a stored baseline they are
        // independent samples (Mann-Whitney, smallest p 1/C(2n, n)).
        var paired = BaselineDirectory is null;
        if ((paired ? RankTest.SmallestSignedRankPValue(Rounds) : RankTest.SmallestPValue(Rounds, Rounds)) >= Timing.Alpha)
        {
            throw new UsageException(paired
                ? $"--rounds {Rounds} cannot reach p < {Timing.Alpha}: paired rounds' smallest p is 2^-n; use at least 7 rounds at 0.01."
                : $"--rounds {Rounds} cannot reach p < {Timing.Alpha}: the exact test's smallest p is 1/C(2n, n); use at least 5 rounds at 0.01.");
        }

        if (UpdateBaseline && BaselineDirectory is null)
        {
            throw new UsageException("--update-baseline needs --baseline DIR (where to store it).");
        }

        if (BaseRevision is not null && BaselineDirectory is not null)
        {
            throw new UsageException("--base and --baseline are two ways to get a baseline: give one.");
        }
    }
}
