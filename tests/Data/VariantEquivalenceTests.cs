using System.Text.Json;
using Dapper;
using Perf.Tests.Infrastructure;
using Telemetry.Data;
using Telemetry.Data.Model;
using Telemetry.Data.Queries;
using Telemetry.Data.Schema;

namespace Perf.Tests.Data;

/// <summary>The same query layer over the three variants: same rows, same answers, different physical designs.</summary>
public sealed class VariantEquivalenceTests(DatabaseServerFixture fixture)
{
    private const int Trades = 6000;
    private const int Days = 200;
    private static readonly DateRange Month = new(TestTrades.Origin.AddDays(30), TestTrades.Origin.AddDays(60));
    private static readonly DateRange HalfYear = new(TestTrades.Origin.AddDays(10).AddHours(5), TestTrades.Origin.AddDays(190));

    [Fact]
    public async Task AllVariants_SameQueries_SameAnswers()
    {
        var variants = await VariantSet.CreateAsync(fixture, Trades, profiles: 4, Days);
        var answers = new Dictionary<SchemaVariant, string>();
        foreach (var (variant, database) in variants.Databases)
        {
            await using var dataSource = TelemetryDataSource.Create(fixture.RequireServer().ConnectionStringFor(database));
            answers[variant] = await AnswerEverythingAsync(dataSource);
        }

        Assert.True(answers[SchemaVariant.Basic].Length > 10_000, "The probe queries returned almost nothing; the comparison would prove little.");
        Assert.Equal(answers[SchemaVariant.Basic], answers[SchemaVariant.Composite]);
        Assert.Equal(answers[SchemaVariant.Basic], answers[SchemaVariant.Partitioned]);
    }

    [Fact]
    public async Task PreparedStatements_SameAnswersAsText_AndServerPrepares()
    {
        var variants = await VariantSet.CreateAsync(fixture, Trades, profiles: 4, Days);
        foreach (var (variant, database) in variants.Databases)
        {
            // One pooled connection, never reset: every query runs on it, so its session counter counts this path's
            // prepares alone (the global one also counts every other test's).
            var oneSession = $"{fixture.RequireServer().ConnectionStringFor(database)};Maximum Pool Size=1;Connection Reset=false";
            await using var dataSource = TelemetryDataSource.Create(oneSession);
            var text = await AnswerEverythingAsync(dataSource, StatementMode.Text);
            var before = await SessionPreparesAsync(dataSource);
            var prepared = await AnswerEverythingAsync(dataSource, StatementMode.Prepared);
            var after = await SessionPreparesAsync(dataSource);

            Assert.Equal(before.ConnectionId, after.ConnectionId);
            Assert.True(after.Prepares > before.Prepares, $"{variant}: the prepared path sent no COM_STMT_PREPARE.");
            Assert.Equal(text, prepared);
        }
    }

    [Fact]
    public async Task AllVariants_SameRowsAndChecksums()
    {
        var variants = await VariantSet.CreateAsync(fixture, 2000, profiles: 3, Days);
        var checksums = new List<string>();
        foreach (var database in variants.Databases.Values)
        {
            await using var connection = await VariantSet.OpenAsync(fixture, database);
            var trades = await connection.QuerySingleAsync<(long Count, decimal Sum, long Ids)>(
                "SELECT COUNT(*), SUM(pnl), SUM(id) FROM dd_trade_performance");
            var metrics = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM dd_telemetry_metrics");
            checksums.Add($"{trades.Count}/{trades.Sum}/{trades.Ids}/{metrics}");
        }

        Assert.Equal(2000L, long.Parse(checksums[0].Split('/')[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Single(checksums.Distinct());
    }

    [Fact]
    public async Task Partitioned_Tables_HaveMonthlyPartitionsAndEmptyCatchAll()
    {
        var variants = await VariantSet.CreateAsync(fixture, 500, profiles: 2, Days);
        await using var connection = await VariantSet.OpenAsync(fixture, variants.Databases[SchemaVariant.Partitioned]);
        var partitions = (await connection.QueryAsync<(string Name, long Rows)>(
            "SELECT PARTITION_NAME, TABLE_ROWS FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'dd_trade_performance' ORDER BY PARTITION_ORDINAL_POSITION")).ToList();
        Assert.Equal(PartitionPlan.BeforePartition, partitions[0].Name);
        Assert.Equal(PartitionPlan.FuturePartition, partitions[^1].Name);
        Assert.Contains(partitions, p => p.Name == "p2025_09");
        var future = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM dd_trade_performance PARTITION (p_future)");
        Assert.Equal(0, future);
    }

    private static async Task<(long ConnectionId, long Prepares)> SessionPreparesAsync(MySqlConnector.MySqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var row = await connection.QuerySingleAsync<(string Name, string Value)>("SHOW SESSION STATUS LIKE 'Com_stmt_prepare'");
        return (connection.ServerThread, long.Parse(row.Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<string> AnswerEverythingAsync(MySqlConnector.MySqlDataSource dataSource, StatementMode statements = StatementMode.Text)
    {
        var trades = new TradeQueries(dataSource, statements);
        var metrics = new MetricQueries(dataSource, statements);
        var health = new HealthQueries(dataSource, statements);
        var ct = TestContext.Current.CancellationToken;
        var results = new List<object>();
        foreach (var profile in new[] { 1, 2, 4 })
        {
            var first = await trades.GetTradesAsync(TradeListQuery.Create(profile, Month, TradeFilter.None, 50, 0, null), ct);
            results.Add(first);
            results.Add(await trades.GetTradesAsync(TradeListQuery.Create(profile, Month, TradeFilter.None, 50, 0, first.NextCursor is { } next ? TradeCursor.Decode(next) : null), ct));
            results.Add(await trades.GetTradesAsync(TradeListQuery.Create(profile, Month, TradeFilter.None, 50, 50, null), ct));
            results.Add(await trades.GetTradesAsync(TradeListQuery.Create(profile, Month, new TradeFilter("AAPL", "breakout"), 100, 0, null), ct));
            results.Add(await trades.GetTradesAsync(TradeListQuery.Create(profile, Month, new TradeFilter(ExitReason: "stop_loss"), 100, 0, null), ct));
            results.Add(await trades.GetTradesAsync(TradeListQuery.Create(profile, HalfYear, new TradeFilter("MSFT"), 400, 0, null), ct));
            results.Add(await trades.GetSummaryAsync(profile, Month, ct));
            results.Add(await trades.GetSummaryAsync(profile, HalfYear, ct));
            foreach (var windowType in Enum.GetValues<WindowType>())
            {
                results.Add(await metrics.GetMetricsAsync(new MetricQuery(profile, windowType, TradeMetrics.MetricType, null, HalfYear, 500, 0), ct));
            }

            results.Add(await health.GetHealthAsync(new HealthQuery(profile, "order_router", new DateRange(TestTrades.Origin, TestTrades.Origin.AddDays(5)), 100, 0), ct));
        }

        return JsonSerializer.Serialize(results);
    }
}
