using BenchmarkDotNet.ConsoleArguments;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Perf.Bench.Benchmarks;

namespace Perf.Bench.Suite;

/// <summary>Runs the BenchmarkDotNet scenarios with the shared configuration and BenchmarkDotNet's own switches.</summary>
public static class SuiteRunner
{
    /// <summary>The switches that only print information and need neither server nor data.</summary>
    public static bool IsInformational(IReadOnlyList<string> benchmarkArgs)
    {
        ArgumentNullException.ThrowIfNull(benchmarkArgs);
        return benchmarkArgs.Any(a => a is "--list" or "--help" or "-h" or "-?" or "--version" or "--info" || a.StartsWith("--list=", StringComparison.Ordinal));
    }

    /// <summary>What BenchmarkDotNet says is wrong with its switches, as one line, or null when it takes them.</summary>
    /// <remarks>Asked by its own parser before the server, the seed and the results folder: the suite passes on every word it does not know, and BenchmarkDotNet refused a typo (<c>--buffer-pol</c>) only after all of them.</remarks>
    public static string? Refusal(IReadOnlyList<string> benchmarkArgs)
    {
        ArgumentNullException.ThrowIfNull(benchmarkArgs);
        var log = new AccumulationLogger();

        // Help and version make its parser print and answer "not parsed"; they are informational, and run as they always have.
        if (ConfigParser.Parse([.. benchmarkArgs.Where(a => a is not ("--help" or "-h" or "-?" or "--version"))], log).isSuccess)
        {
            return null;
        }

        // Its parser's errors are indented lines under "ERROR(S):" (then usage text); its own checks (--job, --runtimes) are one line.
        var lines = log.GetLog().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        var errors = lines.IndexOf("ERROR(S):");
        var detail = errors >= 0
            ? string.Join(" ", lines.Skip(errors + 1).TakeWhile(l => l.StartsWith(' ')).Select(l => l.Trim()))
            : lines.FirstOrDefault(l => l.Trim().Length > 0)?.Trim();
        return $"BenchmarkDotNet, which takes the words the suite does not, refuses '{string.Join(' ', benchmarkArgs)}': {detail}";
    }

    /// <summary>The job that times the suite, as the manifest records it: the preset's (<c>ci</c>, <c>full</c>), or <c>--job NAME</c> when BenchmarkDotNet's own switch replaces it.</summary>
    public static string Job(BenchPreset preset, IReadOnlyList<string> benchmarkArgs) =>
        OwnJob(benchmarkArgs) is { } job ? "--job " + job : preset.ToString().ToLowerInvariant();

    /// <summary>Runs the selected scenarios; returns their summaries (none for informational switches).</summary>
    /// <param name="preset">The preset whose job runs.</param>
    /// <param name="benchmarkArgs">BenchmarkDotNet's own switches.</param>
    /// <param name="artifactsPath">Where BenchmarkDotNet writes logs and reports.</param>
    /// <param name="pages">When given, counts each case's buffer pool pages.</param>
    internal static IReadOnlyList<Summary> Run(BenchPreset preset, IReadOnlyList<string> benchmarkArgs, string artifactsPath, BufferPoolDiagnoser? pages = null)
    {
        var config = BenchConfig.Create(preset, artifactsPath, withPresetJob: OwnJob(benchmarkArgs) is null);
        if (pages is not null)
        {
            config.AddDiagnoser(pages);
        }

        var switcher = BenchmarkSwitcher.FromAssembly(typeof(QueryBenchmark).Assembly);
        // Without --filter BenchmarkDotNet would ask interactively which scenario to run; the suite runs them all.
        var args = benchmarkArgs.Any(a => a is "--filter" or "-f" || a.StartsWith("--filter=", StringComparison.Ordinal)) || IsInformational(benchmarkArgs)
            ? benchmarkArgs.ToArray()
            : [.. benchmarkArgs, "--filter", "*"];
        return [.. switcher.Run(args, config)];
    }

    /// <summary>The job BenchmarkDotNet's <c>--job</c> (<c>-j</c>, <c>--job=</c>) names, or null when the preset's runs.</summary>
    private static string? OwnJob(IReadOnlyList<string> benchmarkArgs)
    {
        ArgumentNullException.ThrowIfNull(benchmarkArgs);
        for (var i = 0; i < benchmarkArgs.Count; i++)
        {
            if (benchmarkArgs[i].StartsWith("--job=", StringComparison.Ordinal))
            {
                return benchmarkArgs[i]["--job=".Length..];
            }

            if (benchmarkArgs[i] is "--job" or "-j")
            {
                return i + 1 < benchmarkArgs.Count ? benchmarkArgs[i + 1] : string.Empty;
            }
        }

        return null;
    }

    /// <summary>Whether any benchmark failed to build, run, or validate.</summary>
    public static IReadOnlyList<string> Errors(IReadOnlyList<Summary> summaries)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        var errors = new List<string>();
        foreach (var summary in summaries)
        {
            errors.AddRange(summary.ValidationErrors.Where(e => e.IsCritical).Select(e => "validation: " + e.Message));
            foreach (var report in summary.Reports.Where(r => !r.Success || r.ResultStatistics is null))
            {
                errors.Add($"{report.BenchmarkCase.DisplayInfo}: failed (build {(report.BuildResult.IsBuildSuccess ? "ok" : "failed")}, {report.ExecuteResults.Count} executions)");
            }
        }

        return errors;
    }
}
