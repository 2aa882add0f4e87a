using System.Globalization;
using Perf.Load.Execution;
using Perf.Load.Reports;
using Perf.Load.Thresholds;

namespace Perf.Load.Cli;

/// <summary>One run from settings to summary and files; shared by run, capacity and calibrate.</summary>
internal static class RunSession
{
    /// <summary>Validates the thresholds against the scenarios, runs, and builds the summary.</summary>
    public static async Task<(RunSummary Summary, ReportInput Report)> ExecuteAsync(
        RunSettings settings,
        LoadTarget target,
        ILoadProgress? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(target);
        var mix = settings.CreateMix();
        ThresholdEvaluator.Validate(settings.Thresholds, mix.Endpoints, [.. mix.Scenarios.Select(s => s.Name)]);
        var plan = new RunPlan(
            target.BaseAddress,
            mix,
            settings.Profile,
            settings.RequestTimeout,
            settings.GracefulStop,
            settings.MaxInFlight,
            settings.MaxConnections,
            settings.Seed,
            settings.Validity);
        var outcome = await LoadRunner.RunAsync(plan, progress, cancellationToken).ConfigureAwait(false);
        var profile = settings.Profile;
        var configuration = new RunConfiguration(
            target.Description,
            mix.Describe(),
            profile.Kind.ToString().ToLowerInvariant(),
            profile.Describe(),
            profile.MeanTargetRate,
            profile.Concurrency,
            settings.MaxConnections,
            profile.MeasuredDuration.TotalSeconds,
            profile.Warmup.TotalSeconds,
            profile.Poisson,
            settings.RequestTimeout.TotalSeconds,
            settings.Seed,
            [.. settings.Thresholds.Select(t => t.Expression)],
            settings.Label);
        var provenance = await ProvenanceProbe.CaptureAsync(target.Server, target.Dataset, cancellationToken).ConfigureAwait(false);
        var summary = RunSummaryBuilder.Build(outcome, configuration, settings.Thresholds, provenance);
        return (summary, new ReportInput(summary, outcome.Total, outcome.Endpoints, outcome.Intervals));
    }

    /// <summary><c>results/runs/yyyyMMdd-HHmmss-NAME</c> under the repository root (or the current directory).</summary>
    public static string DefaultDirectory(string name)
    {
        var root = FindRepositoryRoot(Directory.GetCurrentDirectory()) ?? Directory.GetCurrentDirectory();
        var safe = new string([.. name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        return Path.Combine(root, "results", "runs", $"{stamp}-{safe}");
    }

    private static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Perf.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
