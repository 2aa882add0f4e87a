using System.Globalization;
using Microsoft.Extensions.Logging;
using MySqlConnector;
using Telemetry.CommandLine;
using Telemetry.Data.Lifecycle;
using Telemetry.Jobs.Monitoring;
using Telemetry.Data.Rollups;

namespace Telemetry.Jobs;

/// <summary>Runs one lifecycle job once; the CLI and the worker both come through here, so a job behaves the same either way.</summary>
internal sealed class JobRunner(MySqlDataSource dataSource, HttpClient http, JobArguments arguments, ILoggerFactory loggers, TextWriter output)
{
    private readonly ApiMonitor apiMonitor = new(http, new MonitorThresholds(), loggers.CreateLogger<ApiMonitor>());

    /// <summary>The rollups' sources, each with its retention cutoff.</summary>
    /// <remarks>
    /// Both rollups leave windows older than a source's retention alone: their raw rows are archived or deleted, so
    /// recomputing them from what is left would shrink them. And they write no window older than the metrics' retention
    /// (<c>archivedBefore</c>): those are in the metrics archive already, and written again, the next archival would find them twice.
    /// These cutoffs are taken at the job's clock; the rollup also holds to those <c>archive</c> has applied, so a backfill
    /// with <c>--now</c> in the past leaves alone what a real run has archived.
    /// </remarks>
    private (RollupSource Source, DateTime NotBefore)[] RollupSources(DateTime now) =>
        [(RollupSource.Trades, arguments.Policy.Trades.CutoffBefore(now)), (RollupSource.Health, arguments.Policy.Health.CutoffBefore(now))];

    /// <summary>What a rollup's line says of the hours its retention guard skipped; empty when it skipped none.</summary>
    private static string LeftAlone(int hours, DateTime? notBefore) => hours == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture,
        $"; left {hours} hours before {notBefore:yyyy-MM-dd HH:mm} alone: retention has archived or deleted some of their raw rows");

    /// <summary>Runs <paramref name="job"/> at <paramref name="now"/> and prints its report.</summary>
    public async Task RunAsync(JobKind job, DateTime now, CancellationToken cancellationToken)
    {
        switch (job)
        {
            case JobKind.RollupHourly:
            {
                var rollup = new IncrementalRollup(dataSource, loggers.CreateLogger<IncrementalRollup>());
                foreach (var (source, notBefore) in RollupSources(now))
                {
                    var report = await rollup.RunAsync(source, notBefore, arguments.Policy.Metrics.CutoffBefore(now), cancellationToken).ConfigureAwait(false);
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{report.Source}: recomputed {report.Hours} hourly, {report.Days} daily, {report.Weeks} weekly, {report.Months} monthly windows (rows after id {report.ScannedAfterId}){LeftAlone(report.HoursLeftAlone, report.NotBefore)}")).ConfigureAwait(false);
                }

                break;
            }

            case JobKind.RollupDaily:
            {
                // Yesterday and today in full, from raw rows: catches anything the incremental rollup could have missed.
                var rollup = new IncrementalRollup(dataSource, loggers.CreateLogger<IncrementalRollup>());
                foreach (var (source, notBefore) in RollupSources(now))
                {
                    var report = await rollup.RecomputeRangeAsync(
                        source, now.Date.AddDays(-1), now.Date.AddDays(1), notBefore, arguments.Policy.Metrics.CutoffBefore(now), cancellationToken).ConfigureAwait(false);
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{report.Source}: recomputed {report.Hours} hourly, {report.Days} daily, {report.Weeks} weekly, {report.Months} monthly windows ({report.From:yyyy-MM-dd} to {report.To:yyyy-MM-dd}){LeftAlone(report.HoursLeftAlone, report.NotBefore)}")).ConfigureAwait(false);
                }

                break;
            }

            case JobKind.Archive:
            {
                var retention = new RetentionJob(dataSource, arguments.Policy, arguments.Retention, loggers.CreateLogger<RetentionJob>());
                var report = await retention.RunAsync(now, cancellationToken).ConfigureAwait(false);
                await output.WriteAsync(report.ToString()).ConfigureAwait(false);
                break;
            }

            case JobKind.MaintainPartitions:
            {
                var maintenance = new PartitionMaintenance(dataSource, loggers.CreateLogger<PartitionMaintenance>());
                var report = await maintenance.RunAsync(now, arguments.MonthsAhead, arguments.Retention.DryRun, cancellationToken).ConfigureAwait(false);
                await output.WriteAsync(report.ToString()).ConfigureAwait(false);
                break;
            }

            case JobKind.Analyze:
            {
                var analyze = new IndexMaintenance(dataSource, loggers.CreateLogger<IndexMaintenance>());
                foreach (var result in await analyze.AnalyzeAsync(cancellationToken).ConfigureAwait(false))
                {
                    await output.WriteLineAsync($"{result.Table}: {result.Status}").ConfigureAwait(false);
                }

                break;
            }

            case JobKind.Monitor:
            {
                var monitor = new DatabaseMonitor(dataSource, new MonitorThresholds(), loggers.CreateLogger<DatabaseMonitor>());
                await output.WriteAsync((await monitor.CheckAsync(now, cancellationToken).ConfigureAwait(false)).ToString()).ConfigureAwait(false);
                if (arguments.Api is { } api)
                {
                    var report = await apiMonitor.CheckAsync(new Uri(api, "/metrics"), cancellationToken).ConfigureAwait(false);
                    await output.WriteAsync(report.ToString()).ConfigureAwait(false);
                }

                break;
            }

            case JobKind.WatchSlowQueries:
            {
                var monitor = new DatabaseMonitor(dataSource, new MonitorThresholds(), loggers.CreateLogger<DatabaseMonitor>());
                foreach (var slow in await monitor.SampleSlowQueriesAsync(cancellationToken).ConfigureAwait(false))
                {
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"slow query ({slow.Elapsed.TotalSeconds:0.0} s, connection {slow.ConnectionId}): {slow.Sql}\n  plan: {slow.Plan}")).ConfigureAwait(false);
                }

                break;
            }

            case JobKind.WarmCache:
            {
                var api = arguments.Api ?? throw new UsageException($"warm-cache needs --api <url> or {JobArguments.ApiEnvironmentVariable}.");
                var paths = arguments.WarmPaths.Count > 0 ? arguments.WarmPaths : CacheWarmer.DefaultPaths(arguments.WarmProfiles);
                var warmer = new CacheWarmer(http, loggers.CreateLogger<CacheWarmer>());
                var results = await warmer.WarmAsync(api, paths, cancellationToken).ConfigureAwait(false);
                foreach (var result in results)
                {
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{result.Url}: {(result.Status == 0 ? "failed" : result.Status.ToString(CultureInfo.InvariantCulture))} in {result.Elapsed.TotalMilliseconds:0} ms{(result.Error is null ? string.Empty : " (" + result.Error + ")")}")).ConfigureAwait(false);
                }

                // A path the API refuses (a 400 for a missing parameter, a 404) warms nothing, every run: say so with the exit code.
                var failed = results.Where(r => r.Error is not null).ToList();
                if (failed.Count > 0)
                {
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                        $"{failed.Count} of {results.Count} paths were not warmed: {string.Join(", ", failed.Select(r => $"{r.Url.PathAndQuery} ({(r.Status == 0 ? r.Error : r.Status)})"))}"));
                }

                break;
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(job), job, null);
        }
    }
}
