using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Csv;
using BenchmarkDotNet.Exporters.Json;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BenchmarkDotNet.Validators;

namespace Perf.Bench.Benchmarks;

/// <summary>The one configuration every scenario runs under: memory diagnoser, GitHub Markdown + JSON + CSV exporters, JIT validator.</summary>
public static class BenchConfig
{
    /// <summary>The configuration of a preset, writing its artifacts under <paramref name="artifactsPath"/>.</summary>
    /// <param name="preset">The preset whose job runs.</param>
    /// <param name="artifactsPath">Where BenchmarkDotNet writes logs and reports.</param>
    /// <param name="withPresetJob">False when the command line names its own <c>--job</c>, which then replaces the preset's.</param>
    public static ManualConfig Create(BenchPreset preset, string artifactsPath, bool withPresetJob = true)
    {
        var config = ManualConfig.CreateEmpty()
            .AddColumnProvider(DefaultConfig.Instance.GetColumnProviders().ToArray())
            .AddLogger(DefaultConfig.Instance.GetLoggers().ToArray())
            .AddAnalyser(DefaultConfig.Instance.GetAnalysers().ToArray())
            .AddValidator(DefaultConfig.Instance.GetValidators().ToArray())
            .AddValidator(JitOptimizationsValidator.FailOnError)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddExporter(MarkdownExporter.GitHub, JsonExporter.Full, CsvExporter.Default)
            .WithArtifactsPath(artifactsPath)
            .WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared))
            .WithOption(ConfigOptions.JoinSummary, true);
        return withPresetJob ? config.AddJob(Job(preset)) : config;
    }

    private static Job Job(BenchPreset preset) => preset switch
    {
        // The cost measured is the server's; in-process saves the generated project's build, which alone would take
        // a minute of the five CI has, and shares the already-started process.
        BenchPreset.Ci => BenchmarkDotNet.Jobs.Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(3)
            .WithIterationTime(TimeInterval.FromMilliseconds(100))
            .WithId("ci"),
        _ => BenchmarkDotNet.Jobs.Job.Default.WithId("full"),
    };
}
