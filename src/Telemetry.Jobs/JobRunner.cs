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

    /// <summary>Runs <paramref name="job"/> at <paramref name="now"/> and prints its report.</summary>
    public async Task RunAsync(JobKind job, DateTime now, CancellationToken cancellationToken)
    {
        switch (job)
        {
            case JobKind.RollupHourly:
            {
                // Windows older than a source's retention are left alone: their raw rows are archived or deleted,
                // so recomputing them from what is left would shrink them. Windows older than the metrics' retention
                // are in the metrics archive already: written again, the next archival would find them twice.
                var rollup = new IncrementalRollup(dataSource, loggers.CreateLogger<IncrementalRollup>());
                var archived = arguments.Policy.Metrics.CutoffBefore(now);
                var reports = new[]
                {
                    await rollup.RunAsync(RollupSource.Trades, arguments.Policy.Trades.CutoffBefore(now), archived, cancellationToken).ConfigureAwait(false),
                    await rollup.RunAsync(RollupSource.Health, arguments.Policy.Health.CutoffBefore(now), archived, cancellationToken).ConfigureAwait(false),
                };
                foreach (var report in reports)
                {
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"{report.Source}: recomputed {report.Hours} hourly, {report.Days} daily, {report.Weeks} weekly, {report.Months} monthly windows (rows after id {report.ScannedAfterId})")).ConfigureAwait(false);
                }

                break;
            }

            case JobKind.RollupDaily:
            {
                // Yesterday and today in full, from raw rows: catches anything the incremental rollup could have missed.
                var from = now.Date.AddDays(-1);
                var to = now.Date.AddDays(1);
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                var trades = await TradeRollup.RollupAsync(connection, from, to, cancellationToken).ConfigureAwait(false);
                var health = await HealthRollup.RollupAsync(connection, from, to, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"recomputed {from:yyyy-MM-dd} to {to:yyyy-MM-dd}: {trades} trade and {health} health window rows upserted")).ConfigureAwait(false);
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
