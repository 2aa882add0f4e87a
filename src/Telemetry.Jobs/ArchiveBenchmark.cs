using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Extensions.Logging;
using MySqlConnector;
using Telemetry.Data;
using Telemetry.Data.Lifecycle;
using Telemetry.Jobs.Monitoring;
using Telemetry.Data.Schema;
using Telemetry.Data.Writes;

namespace Telemetry.Jobs;

/// <summary>Measures archival throughput (rows/s) of the row path against the partition path over the same trades.</summary>
/// <remarks>
/// Two databases get identical rows: <c>bench_archive_composite</c> (row path) and <c>bench_archive_partitioned</c>
/// (whole months by EXCHANGE, the partial month by rows). With <c>--api</c>, the API's P95/P99 are read from its
/// <c>/metrics</c> over an idle window and again over the archival, for whatever load is running against it.
/// </remarks>
internal sealed class ArchiveBenchmark(JobArguments arguments, HttpClient http, ILoggerFactory loggers, TextWriter output)
{
    private const string Prefix = "bench_archive";
    private const int LoadBatch = 200_000;

    /// <summary>Runs both variants and prints the comparison.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = arguments.Clock;
        var from = now.AddMonths(-arguments.Months);
        var results = new List<(SchemaVariant Variant, long Rows, TimeSpan Elapsed, RetentionTableReport Report, ApiHealthReport? Idle, ApiHealthReport? During)>();
        foreach (var variant in arguments.BenchVariants)
        {
            var database = VariantDatabase.Name(Prefix, variant);
            var builder = new MySqlConnectionStringBuilder(arguments.ConnectionString) { Database = string.Empty };
            await using (var admin = new MySqlConnection(builder.ConnectionString))
            {
                await admin.OpenAsync(cancellationToken).ConfigureAwait(false);
                await admin.ExecuteAsync($"DROP DATABASE IF EXISTS `{database}`").ConfigureAwait(false);
                await admin.ExecuteAsync($"CREATE DATABASE `{database}`").ConfigureAwait(false);
            }

            builder.Database = database;
            await using var dataSource = TelemetryDataSource.Create(builder.ConnectionString);
            await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
            {
                var plan = variant == SchemaVariant.Partitioned ? PartitionPlan.Covering(from, now, 3) : null;
                await SchemaBuilder.BuildAsync(connection, variant, plan, cancellationToken).ConfigureAwait(false);
            }

            var loadStarted = Stopwatch.GetTimestamp();
            var writer = new TelemetryWriter(dataSource);
            foreach (var batch in SyntheticTrades.Generate(arguments.Rows, from, now).Chunk(LoadBatch))
            {
                await writer.BulkInsertTradesAsync(batch, cancellationToken).ConfigureAwait(false);
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{database}: loaded {arguments.Rows} trades over {arguments.Months} months in {Stopwatch.GetElapsedTime(loadStarted).TotalSeconds:0.0} s")).ConfigureAwait(false);

            ApiMonitor? monitor = null;
            ApiHealthReport? idle = null;
            if (arguments.Api is { } api)
            {
                monitor = new ApiMonitor(http, new MonitorThresholds());
                await monitor.CheckAsync(new Uri(api, "/metrics"), cancellationToken).ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromSeconds(arguments.IdleSeconds), cancellationToken).ConfigureAwait(false);
                idle = await monitor.CheckAsync(new Uri(api, "/metrics"), cancellationToken).ConfigureAwait(false);
            }

            var policy = arguments.Policy;
            var job = new RetentionJob(dataSource, policy, arguments.Retention, loggers.CreateLogger<RetentionJob>());
            var started = Stopwatch.GetTimestamp();
            var report = await job.RunAsync(now, cancellationToken).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var trades = report.Tables.Single(t => t.Table == TelemetryTable.Trades.Name);
            var during = monitor is null ? null : await monitor.CheckAsync(new Uri(arguments.Api!, "/metrics"), cancellationToken).ConfigureAwait(false);

            await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
            {
                var live = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM dd_trade_performance").ConfigureAwait(false);
                var archived = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM dd_trade_performance_archive").ConfigureAwait(false);
                if (live + archived != arguments.Rows || archived != trades.TotalRows)
                {
                    throw new InvalidOperationException($"{database}: {live} live + {archived} archived rows after archival, expected {arguments.Rows} with {trades.TotalRows} archived.");
                }
            }

            results.Add((variant, trades.TotalRows, trades.Elapsed, trades, idle, during));
            if (!arguments.Keep)
            {
                await using var admin = new MySqlConnection(new MySqlConnectionStringBuilder(arguments.ConnectionString) { Database = string.Empty }.ConnectionString);
                await admin.OpenAsync(cancellationToken).ConfigureAwait(false);
                await admin.ExecuteAsync($"DROP DATABASE IF EXISTS `{database}`").ConfigureAwait(false);
            }
        }

        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Archival of trades older than {arguments.Policy.Trades} ({arguments.Rows} rows over {arguments.Months} months, chunk {arguments.Retention.ChunkSize}, pause {arguments.Retention.Pause.TotalMilliseconds:0} ms)")).ConfigureAwait(false);
        await output.WriteLineAsync("| path | rows archived | whole months | row-path rows | seconds | rows/s | API P99 idle | API P99 during |").ConfigureAwait(false);
        await output.WriteLineAsync("|---|---:|---:|---:|---:|---:|---:|---:|").ConfigureAwait(false);
        foreach (var (variant, rows, elapsed, report, idle, during) in results)
        {
            var path = variant == SchemaVariant.Partitioned ? "partition (EXCHANGE)" : "row (chunked)";
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"| {path} | {rows} | {report.WholePartitions.Count} | {report.RowPathRows} | {elapsed.TotalSeconds:0.00} | {rows / Math.Max(elapsed.TotalSeconds, 1e-6):0} | {P99(idle)} | {P99(during)} |")).ConfigureAwait(false);
        }
    }

    private static string P99(ApiHealthReport? report) =>
        report?.P99 is { } p99 ? p99.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms" : "n/a";
}
