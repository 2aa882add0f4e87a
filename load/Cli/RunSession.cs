using System.Globalization;
using Perf.Harness;
using Perf.Harness.Results;
using Perf.Load.Execution;
using Perf.Load.Reports;
using Perf.Load.Scenarios;
using Perf.Load.Thresholds;

namespace Perf.Load.Cli;

/// <summary>One run from settings to summary and files; shared by run, capacity and calibrate.</summary>
internal static class RunSession
{
    /// <summary>Validates the thresholds against the scenarios, runs, and builds the summary.</summary>
    public static Task<(RunSummary Summary, ReportInput Report, RunManifest Manifest)> ExecuteAsync(
        RunSettings settings,
        LoadTarget target,
        ILoadProgress? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(target);
        return ExecuteAsync(settings, target, settings.CreateMix(settings.TrafficFor(target)), progress, cancellationToken);
    }

    /// <summary>Runs <paramref name="mix"/> (instead of the scenarios the settings name) with the settings' load, thresholds and limits.</summary>
    public static async Task<(RunSummary Summary, ReportInput Report, RunManifest Manifest)> ExecuteAsync(
        RunSettings settings,
        LoadTarget target,
        ScenarioMix mix,
        ILoadProgress? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(mix);
        var manifest = RunManifest.Create("load", target.Server, settings.Arguments ?? []);
        manifest.Redis = target.Redis?.ToString();
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
            settings.Validity,
            settings.Client);
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
        manifest.Parameters["target"] = target.Description;
        manifest.Parameters["scenarios"] = configuration.Scenarios;
        manifest.Parameters["load"] = configuration.Load;
        manifest.Parameters["client"] = settings.Client.ToString().ToLowerInvariant();
        manifest.Parameters["socket-completions"] = InlineSocketCompletions.Enabled ? "inline" : "thread pool";
        if (target.Dataset is not null)
        {
            manifest.Parameters["dataset"] = target.Dataset;
        }

        var summary = RunSummaryBuilder.Build(outcome, configuration, settings.Thresholds);
        return (summary, new ReportInput(summary, outcome.Total, outcome.Endpoints, outcome.Intervals), manifest);
    }

    /// <summary><c>results/runs/yyyyMMdd-HHmmss-NAME</c> under the repository root (or the current directory).</summary>
    public static string DefaultDirectory(string name)
    {
        var root = RepositoryPaths.FindRoot();
        var safe = new string([.. name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_')]);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        return Path.Combine(root, "results", "runs", $"{stamp}-load-{safe}");
    }
}
