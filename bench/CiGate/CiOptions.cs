using Perf.Bench.Capacity;
using Perf.Harness.Gates;
using Perf.Harness.Provisioning;
using Perf.Harness.Results;
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
    /// <summary>The plan suite.</summary>
    public const string PlansSuite = "plans";

    /// <summary>The load suite.</summary>
    public const string LoadSuite = "load";

    /// <summary>Every suite, in the order they run.</summary>
    public static IReadOnlyList<string> AllSuites { get; } = [PlansSuite, LoadSuite, TimingGate.Suite];

    /// <summary>The usage text.</summary>
    public const string Usage = """
        usage: dotnet run -c Release --project bench -- ci [options]
          The CI perf gate: the plan gate (exact plans and rows read vs bench/plan-baseline.json), the load thresholds at a
          modest rate, and query timings of the base revision and this tree measured in the same run, in interleaved
          rounds. Writes gate.md, gate.json, junit.xml (and appends $GITHUB_STEP_SUMMARY).
          exit 0 passed, 1 regression, 2 configuration error, 3 environment mismatch, 4 invalid run (a step failed)
          --only LIST              plans,load,timings (default all; the others are reported skipped)
          --base REF               the revision to compare timings with (default: merge base with origin/main or main)
          --baseline DIR           compare with a stored timing baseline instead (same machine boot, server, data, schema)
          --update-baseline        with --baseline: store this run's timings there
          --allow-different-environment  compare plans or a stored baseline from another machine, server, dataset or schema
          --max-ratio R (1.5)  --alpha P (0.01)   a query regresses when ≥ R× slower and the one-sided Mann–Whitney test
                                   over round medians gives p < P, and the confirmation rounds agree
          --rounds N (8)  --executions N (10)  --warmup N (3)   probe rounds per side; timed/untimed runs per query a round
          --cases LIST             only queries whose name contains one of these
          --variant NAME           the variant timed (default composite: the one the product ships)
          --rate N (20)  --duration S (15s)   the load check: open model, in-process API, default thresholds
          --results DIR  --mysql CS           as everywhere
        """;

    private static readonly HashSet<string> Switches = new(StringComparer.Ordinal) { "update-baseline", "allow-different-environment" };

    /// <summary>Parses the command line.</summary>
    /// <exception cref="ArgumentException">An option is malformed.</exception>
    public static CiOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var (provisioning, rest) = ProvisioningOptions.FromArgs(args);
        var (results, remaining) = ResultWriter.TakeResultsDirectory(rest);
        var a = new CommandArgs(remaining, Switches);
        var suites = (a.Get("only") ?? string.Join(',', AllSuites)).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => AllSuites.Contains(s, StringComparer.Ordinal) ? s : throw new ArgumentException($"--only: '{s}' is not plans, load or timings."))
            .ToHashSet(StringComparer.Ordinal);
        var variantText = a.Get("variant") ?? "composite";
        var options = new CiOptions(
            suites,
            a.Get("base"),
            a.Get("baseline") is { } baseline ? Path.GetFullPath(baseline) : null,
            a.Has("update-baseline"),
            a.Has("allow-different-environment"),
            new TimingGateOptions(a.GetDouble("max-ratio", TimingGateOptions.Default.MaxRatio), a.GetDouble("alpha", TimingGateOptions.Default.Alpha)),
            a.GetInt("rounds", 8),
            a.GetInt("executions", 10),
            a.GetInt("warmup", 3),
            [.. (a.Get("cases") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            Enum.TryParse<SchemaVariant>(variantText, ignoreCase: true, out var variant) && Enum.IsDefined(variant)
                ? variant
                : throw new ArgumentException($"--variant '{variantText}' is not basic, composite or partitioned."),
            a.GetDouble("rate", 20),
            a.GetSeconds("duration", TimeSpan.FromSeconds(15)),
            results,
            provisioning);
        a.RejectUnknown();
        if (options.Timing.MaxRatio <= 1 || options.Timing.Alpha is <= 0 or >= 1 || options.LoadRate <= 0 || options.Executions < 1 || options.Warmup < 0 || suites.Count == 0)
        {
            throw new ArgumentException("--max-ratio must exceed 1, --alpha lie in (0, 1), --rate be positive, --executions at least 1, --warmup at least 0, --only non-empty.");
        }

        if (RankTest.SmallestPValue(options.Rounds, options.Rounds) >= options.Timing.Alpha)
        {
            throw new ArgumentException($"--rounds {options.Rounds} cannot reach p < {options.Timing.Alpha} (the exact test's smallest p is 1/C(2n, n)): use at least 5 rounds at 0.01.");
        }

        if (options.UpdateBaseline && options.BaselineDirectory is null)
        {
            throw new ArgumentException("--update-baseline needs --baseline DIR (where to store it).");
        }

        if (options.BaseRevision is not null && options.BaselineDirectory is not null && !options.UpdateBaseline)
        {
            throw new ArgumentException("--base and --baseline are two ways to get a baseline: give one.");
        }

        return options;
    }
}
