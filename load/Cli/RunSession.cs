using System.Globalization;
using MySqlConnector;
using Perf.Analysis.Capacity;
using Perf.Harness.Provisioning;
using Perf.Harness.Results;
using Perf.Load.Execution;
using Perf.Load.Faults;
using Perf.Load.Reports;
using Perf.Load.Scenarios;
using Perf.Load.Thresholds;
using Telemetry.CommandLine;

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
        manifest.Dataset = target.Seeded;
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
        using var besideCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var fault = settings.RestartDatabaseAt is { } at
            ? DatabaseRestart.RunAsync(RestartableServer(target), target.BaseAddress, settings.Profile.Warmup + at, besideCancel.Token)
            : null;

        // A restart resets the server's counters, so a run with one counts no pages.
        var counters = target.Server is { } server && target.Cache is not null && fault is null
            ? await BufferPoolCounters.OpenAsync(server.AdminConnectionString, cancellationToken).ConfigureAwait(false)
            : null;
        await using var countersOwner = counters;
        var warmup = settings.Profile.Warmup;
        var atMeasuredStart = counters is null ? null : ReadAfterAsync(counters, warmup > TimeSpan.Zero ? LoadRunner.StartLead + warmup : TimeSpan.Zero, besideCancel.Token);
        RunOutcome outcome;
        try
        {
            outcome = await LoadRunner.RunAsync(plan, progress, cancellationToken).ConfigureAwait(false);
        }
        catch when (fault is not null || atMeasuredStart is not null)
        {
            await besideCancel.CancelAsync().ConfigureAwait(false);
            await ((Task?)fault ?? Task.CompletedTask).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await ((Task?)atMeasuredStart ?? Task.CompletedTask).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }

        var cache = target.Cache;
        if (counters is not null && cache is not null)
        {
            try
            {
                var measuredRequests = (int)Math.Min(int.MaxValue, outcome.Total.Count);
                cache = cache with { Pages = PageCounts.Between(await atMeasuredStart!.ConfigureAwait(false), await counters.ReadAsync(cancellationToken).ConfigureAwait(false), measuredRequests) };
            }
            catch (MySqlException)
            {
                // The server went away under the run: its figures stand, without page counts (the errors show in them).
            }
        }

        var outage = fault is null ? null : await fault.ConfigureAwait(false);
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
        manifest.Parameters["engine"] = outcome.Engine;
        manifest.Parameters["socket-completions"] = InlineSocketCompletions.Enabled ? "inline" : "thread pool";
        if (target.Dataset is not null)
        {
            manifest.Parameters["dataset"] = target.Dataset;
        }

        if (settings.RestartDatabaseAt is { } restartAt)
        {
            manifest.Parameters["fault"] = string.Create(CultureInfo.InvariantCulture, $"database restarted {restartAt.TotalSeconds:0.###} s into the measured period");
        }

        if (cache is not null)
        {
            manifest.Parameters["cache"] = cache.Condition.State.ToString().ToLowerInvariant();
        }

        var summary = RunSummaryBuilder.Build(outcome, configuration, settings.Thresholds) with { Outage = outage, Cache = cache };
        return (summary, new ReportInput(summary, outcome.Total, outcome.Endpoints, outcome.Intervals), manifest);
    }

    /// <summary>The buffer pool's counters once <paramref name="delay"/> has passed: the start of the measured period, when started with the run (zero without a warm-up: before the first request).</summary>
    private static async Task<(long Requests, long Reads)> ReadAfterAsync(BufferPoolCounters counters, TimeSpan delay, CancellationToken cancellationToken)
    {
        await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        return await counters.ReadAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The in-process API's server, when this run started it and so may restart it.</summary>
    private static ProvisionedServer RestartableServer(LoadTarget target) =>
        target.Server is { CanRestart: true } server
            ? server
            : throw new UsageException("--restart-db-at needs the in-process API on a local server this run starts; without --mysql/PERF_MYSQL, and with no other process running the server on its data directory.");
}
