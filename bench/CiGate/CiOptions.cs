using Perf.Bench.Capacity;
using Perf.Harness.Gates;
using Perf.Harness.Provisioning;
using Perf.Harness.Results;

namespace Perf.Bench.CiGate;

/// <summary>What <c>bench ci</c> checks.</summary>
internal sealed record CiOptions(
    string BaselineDirectory,
    bool UpdateBaseline,
    bool AllowDifferentEnvironment,
    TimingGateOptions Timing,
    double LoadRate,
    TimeSpan LoadDuration,
    IReadOnlyList<string> BenchmarkFilters,
    int Iterations,
    string? ResultsDirectory,
    ProvisioningOptions Provisioning)
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench -- ci [options]
          The CI perf gate at small scale: the plan gate, the load thresholds at a modest rate, and benchmark timings
          compared with the committed baseline. Writes gate.md, junit.xml (and $GITHUB_STEP_SUMMARY); exit 0 pass,
          1 regression, 2 bad input, 3 baseline from another machine or server.
          --baseline DIR                 timing baseline (default results/baselines/ci)
          --update-baseline              replace the timing baseline with this run's timings
          --allow-different-environment  compare timings with a baseline from another machine or server version
          --max-ratio R (1.5)  --alpha P (0.01)    the noise-aware rule: slower by R×, intervals apart, Mann–Whitney p < P,
                                           reproduced by a second run of the suspects
          --rate N (20)  --duration S (15s)        the load check: open model, in-process API, default thresholds
          --benchmarks LIST                        BenchmarkDotNet filters (default *TradeSummary*,*DeepPage*)
          --iterations N (10)                      measured iterations per benchmark
          --results DIR  --mysql CS                as everywhere
        """;

    private static readonly HashSet<string> Switches = new(StringComparer.Ordinal) { "update-baseline", "allow-different-environment" };

    public static CiOptions Parse(string[] args, string repositoryRoot)
    {
        ArgumentNullException.ThrowIfNull(args);
        var (provisioning, rest) = ProvisioningOptions.FromArgs(args);
        var (results, remaining) = ResultWriter.TakeResultsDirectory(rest);
        var a = new CommandArgs(remaining, Switches);
        var options = new CiOptions(
            Path.GetFullPath(a.Get("baseline") ?? Path.Combine(repositoryRoot, "results", "baselines", "ci")),
            a.Has("update-baseline"),
            a.Has("allow-different-environment"),
            new TimingGateOptions(a.GetDouble("max-ratio", TimingGateOptions.Default.MaxRatio), a.GetDouble("alpha", TimingGateOptions.Default.Alpha)),
            a.GetDouble("rate", 20),
            a.GetSeconds("duration", TimeSpan.FromSeconds(15)),
            [.. (a.Get("benchmarks") ?? "*TradeSummary*,*DeepPage*").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            a.GetInt("iterations", 10),
            results,
            provisioning);
        a.RejectUnknown();
        if (options.Timing.MaxRatio <= 1 || options.Timing.Alpha is <= 0 or >= 1 || options.LoadRate <= 0 || options.Iterations < 5 || options.BenchmarkFilters.Count == 0)
        {
            throw new ArgumentException("--max-ratio must exceed 1, --alpha lie in (0, 1), --rate be positive, --iterations at least 5, --benchmarks non-empty.");
        }

        return options;
    }
}
