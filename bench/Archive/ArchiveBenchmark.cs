using System.Globalization;
using Dapper;
using MySqlConnector;
using Perf.Harness;
using Perf.Harness.Provisioning;
using Perf.Harness.Reports;
using Perf.Harness.Results;
using Perf.Seed;
using Telemetry.Data;
using Telemetry.Data.Lifecycle;
using Telemetry.Data.Schema;
using Telemetry.Jobs.Monitoring;

namespace Perf.Bench.Archive;

/// <summary>Measures archival throughput (rows/s) of the row path against the partition path over the same trades.</summary>
/// <remarks>
/// The seeder fills <c>bench_archive_composite</c> (row path) and <c>bench_archive_partitioned</c> (whole months by
/// EXCHANGE, the partial month by rows) with identical trades; then each is archived as the jobs CLI's <c>archive</c>
/// would (<see cref="RetentionJob"/>). With an API, its P99 is read from its <c>/metrics</c> over an idle window and
/// again over the archival, for whatever load is running against it.
/// </remarks>
internal static class ArchiveBenchmark
{
    /// <summary>The bench databases' prefix.</summary>
    public const string Prefix = "bench_archive";

    private const string CountLive = "SELECT COUNT(*) FROM dd_trade_performance";
    private const string CountArchived = "SELECT COUNT(*) FROM dd_trade_performance_archive";

    /// <summary>Seeds, archives each variant, prints the comparison and writes it with the run's manifest.</summary>
    /// <exception cref="ProvisioningException">No server could be found or started.</exception>
    /// <exception cref="InvalidOperationException">Rows went missing: live and archived trades do not add up to what was seeded.</exception>
    public static async Task<IReadOnlyList<ArchiveRun>> RunAsync(ArchiveBenchOptions options, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        await using var server = await ServerProvisioner.ProvisionAsync(options.Provisioning, cancellationToken).ConfigureAwait(false);
        Progress($"server: {server}");
        var manifest = RunManifest.Create("bench-archive", server, arguments, RepositoryPaths.FindRoot());
        var writer = await ResultWriter.CreateAsync(manifest, options.ResultsDirectory, cancellationToken).ConfigureAwait(false);

        // No health rows and no rollups: archival of trades is what is measured, and the other tables stay empty.
        var seeded = await DatasetSeeder.SeedAsync(server, new SeedOptions
        {
            Scale = "bench-archive",
            Profiles = 20,
            From = DateOnly.FromDateTime(options.Now.AddMonths(-options.Months)),
            To = DateOnly.FromDateTime(options.Now),
            Trades = options.Rows,
            HealthIntervalMinutes = 0,
            ComputeMetrics = false,
            Variants = options.Variants,
            Mode = SeedMode.Reset,
            DatabasePrefix = Prefix,
        }, progress: null, cancellationToken).ConfigureAwait(false);
        manifest.Dataset = seeded.ToDatasetInfo();
        var trades = seeded.RowCounts[TelemetryTable.Trades.Name];
        Progress(string.Create(CultureInfo.InvariantCulture, $"seeded {trades} trades over {options.Months} months into {string.Join(", ", seeded.Variants.Select(v => v.Database))} in {seeded.Seconds:0.0} s"));

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var runs = new List<ArchiveRun>();
        foreach (var variant in options.Variants)
        {
            runs.Add(await ArchiveAsync(server, VariantDatabase.Name(Prefix, variant), variant, trades, options, http, cancellationToken).ConfigureAwait(false));
        }

        if (!options.Keep)
        {
            await using var admin = new MySqlConnection(server.AdminConnectionString);
            await admin.OpenAsync(cancellationToken).ConfigureAwait(false);
            foreach (var variant in options.Variants)
            {
                await admin.ExecuteAsync($"DROP DATABASE IF EXISTS `{VariantDatabase.Name(Prefix, variant)}`").ConfigureAwait(false);
            }
        }

        manifest.Parameters["rows"] = options.Rows.ToString(CultureInfo.InvariantCulture);
        manifest.Parameters["months"] = options.Months.ToString(CultureInfo.InvariantCulture);
        manifest.Parameters["now"] = options.Now.ToString("O", CultureInfo.InvariantCulture);
        manifest.Parameters["trades_retention"] = options.Policy.Trades.ToString();
        manifest.Parameters["chunk_size"] = options.Retention.ChunkSize.ToString(CultureInfo.InvariantCulture);
        manifest.Parameters["pause_ms"] = options.Retention.Pause.TotalMilliseconds.ToString(CultureInfo.InvariantCulture);
        manifest.EndedUtc = DateTime.UtcNow;
        var report = Report(options, trades, runs);
        await Console.Out.WriteAsync(MarkdownRenderer.Render(report)).ConfigureAwait(false);
        await writer.WriteJsonAsync("archive", new { manifest, runs }, cancellationToken).ConfigureAwait(false);
        await writer.WriteReportAsync("archive", report, html: false, cancellationToken).ConfigureAwait(false);
        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        Progress($"results: {writer.Directory}");
        return runs;
    }

    private static async Task<ArchiveRun> ArchiveAsync(
        ProvisionedServer server, string database, SchemaVariant variant, long trades, ArchiveBenchOptions options, HttpClient http, CancellationToken cancellationToken)
    {
        await using var dataSource = TelemetryDataSource.Create(server.ConnectionStringFor(database));
        ApiMonitor? monitor = null;
        ApiHealthReport? idle = null;
        if (options.Api is { } api)
        {
            // The first scrape is the baseline; each later one reports only the requests since the one before.
            monitor = new ApiMonitor(http, new MonitorThresholds());
            await monitor.CheckAsync(new Uri(api, "/metrics"), cancellationToken).ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromSeconds(options.IdleSeconds), cancellationToken).ConfigureAwait(false);
            idle = await monitor.CheckAsync(new Uri(api, "/metrics"), cancellationToken).ConfigureAwait(false);
        }

        var job = new RetentionJob(dataSource, options.Policy, options.Retention);
        var report = await job.RunAsync(options.Now, cancellationToken).ConfigureAwait(false);
        var archived = report.Tables.Single(t => t.Table == TelemetryTable.Trades.Name);
        var during = monitor is null ? null : await monitor.CheckAsync(new Uri(options.Api!, "/metrics"), cancellationToken).ConfigureAwait(false);

        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            var live = await connection.ExecuteScalarAsync<long>(CountLive).ConfigureAwait(false);
            var inArchive = await connection.ExecuteScalarAsync<long>(CountArchived).ConfigureAwait(false);
            if (live + inArchive != trades || inArchive != archived.TotalRows)
            {
                throw new InvalidOperationException($"{database}: {live} live + {inArchive} archived rows after archival, expected {trades} with {archived.TotalRows} archived.");
            }
        }

        Progress(string.Create(CultureInfo.InvariantCulture, $"{database}: archived {archived.TotalRows} trades in {archived.Elapsed.TotalSeconds:0.00} s"));
        return new ArchiveRun(variant, archived.TotalRows, archived.WholePartitions.Count, archived.RowPathRows, archived.Elapsed.TotalSeconds, P99(idle), P99(during));
    }

    private static ReportDocument Report(ArchiveBenchOptions options, long trades, IReadOnlyList<ArchiveRun> runs)
    {
        var c = CultureInfo.InvariantCulture;
        return new ReportDocument("Archival throughput",
        [
            new ReportParagraph(string.Create(c,
                $"Archival of trades older than {options.Policy.Trades} as of {options.Now:O} ({trades} seeded rows over {options.Months} months, chunk {options.Retention.ChunkSize}, pause {options.Retention.Pause.TotalMilliseconds:0} ms).")),
            new ReportTable(
                ["path", "rows archived", "whole months", "row-path rows", "seconds", "rows/s", "API P99 idle", "API P99 during"],
                [.. runs.Select(run => (IReadOnlyList<string>)
                [
                    run.Variant == SchemaVariant.Partitioned ? "partition (EXCHANGE)" : "row (chunked)",
                    run.RowsArchived.ToString(c),
                    run.WholeMonths.ToString(c),
                    run.RowPathRows.ToString(c),
                    run.Seconds.ToString("0.00", c),
                    run.RowsPerSecond.ToString("0", c),
                    Milliseconds(run.ApiP99IdleMs),
                    Milliseconds(run.ApiP99DuringMs),
                ])])
            {
                NumericColumns = [1, 2, 3, 4, 5],
            },
        ]);
    }

    private static double? P99(ApiHealthReport? report) => report?.P99?.TotalMilliseconds;

    private static string Milliseconds(double? value) => value is { } ms ? ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms" : "n/a";

    private static void Progress(string message) => Console.Error.WriteLine("bench archive: " + message);
}
