using Microsoft.Extensions.Logging;
using MySqlConnector;
using Perf.Tests.Infrastructure;
using Telemetry.Data.Lifecycle;
using Telemetry.Data.Queries;
using Telemetry.Data.Schema;

namespace Perf.Tests.Data;

/// <summary>The retention cutoffs' reader against a real server: a refresh that fails in the background is logged, and the last good reading stays.</summary>
public sealed class KeptFromReaderTests(DatabaseServerFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadAsync_BackgroundRefreshFails_LogsOneWarningAndKeepsTheLastGoodReading()
    {
        var server = fixture.RequireServer();
        var database = await fixture.CreateDatabaseAsync("kept_from");
        var connectionString = new MySqlConnectionStringBuilder(server.AdminConnectionString) { Database = database, DefaultCommandTimeout = 1 }.ConnectionString;
        var cutoff = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await using var admin = new MySqlConnection(connectionString);
        await admin.OpenAsync(Cancel);
        await RetentionCutoffs.RecordAsync(admin, TelemetryTable.Trades, cutoff, Cancel);
        using var sink = new CollectingLoggerProvider();
        using var loggers = LoggerFactory.Create(logging => logging.AddProvider(sink));
        await using var dataSource = new MySqlDataSource(connectionString);
        var clock = new TestClock(DateTimeOffset.UtcNow);
        var reader = new KeptFromReader(dataSource, clock, loggers.CreateLogger<KeptFromReader>());
        var good = await reader.ReadAsync(Cancel);
        Assert.Equal(cutoff, good.Trades);

        // The cutoffs table write-locked: the refresh's read runs into the one-second command timeout.
        await using var blocker = new MySqlConnection(connectionString);
        await blocker.OpenAsync(Cancel);
        await using (var command = new MySqlCommand($"LOCK TABLES {RetentionCutoffs.Table} WRITE", blocker))
        {
            await command.ExecuteNonQueryAsync(Cancel);
        }

        clock.Now += KeptFromReader.Refresh + TimeSpan.FromSeconds(1);
        Assert.Same(good, await reader.ReadAsync(Cancel));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (sink.Entries.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Cancel);
        }

        var warning = Assert.Single(sink.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal(typeof(KeptFromReader).FullName, warning.Category);
        Assert.IsType<MySqlException>(warning.Exception);
        Assert.Contains("retention cutoffs", warning.Message, StringComparison.Ordinal);

        // Refreshed again by a later request once the database answers.
        await using (var command = new MySqlCommand("UNLOCK TABLES", blocker))
        {
            await command.ExecuteNonQueryAsync(Cancel);
        }

        await RetentionCutoffs.RecordAsync(admin, TelemetryTable.Trades, cutoff.AddMonths(1), Cancel);
        clock.Now += KeptFromReader.Refresh + TimeSpan.FromSeconds(1);
        var refreshed = good;
        while (refreshed.Trades == cutoff && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Cancel);
            refreshed = await reader.ReadAsync(Cancel);
        }

        Assert.Equal(cutoff.AddMonths(1), refreshed.Trades);
        Assert.Single(sink.Entries);
    }
}
