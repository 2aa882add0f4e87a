using System.Text.RegularExpressions;
using Dapper;
using Telemetry.Data.Model;
using Telemetry.Data.Queries;

namespace Perf.Tests.Data;

/// <summary>The prepared path binds its parameters from the same commands the text path runs: every <c>@name</c> in each statement must get a value.</summary>
public sealed partial class StatementExecutionTests
{
    private static readonly DateRange Week = new(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 1, 8, 0, 0, 0, DateTimeKind.Utc));
    private static readonly DateRange HalfYear = new(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc));
    private static readonly TradeListQuery WeekPage = TradeListQuery.Create(1, Week, TradeFilter.None, 10, 0, null);

    public static TheoryData<string> CommandNames => [.. Commands().Keys];

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void ParameterValues_EveryPlaceholderHasAValue(string name)
    {
        var command = Commands()[name];
        var placeholders = Placeholder().Matches(command.CommandText).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var values = StatementExecution.ParameterValues(command.Parameters).ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);

        Assert.NotEmpty(placeholders);
        Assert.Equal(placeholders.Order(StringComparer.Ordinal), values.Keys.Order(StringComparer.Ordinal));
        Assert.All(values, p => Assert.NotNull(p.Value));
    }

    [Fact]
    public void ParameterValues_FiltersAndCursorAddTheirValues()
    {
        var first = TradeListQuery.Create(7, Week, new TradeFilter("AAPL"), 100, 0, null);
        var command = TradeQueries.BuildRawTradesCommand(first with { Cursor = TradeCursor.After(first, Week.End, 42) }, TestContext.Current.CancellationToken);
        var values = StatementExecution.ParameterValues(command.Parameters).ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);

        Assert.Equal(7, values["profileId"]);
        Assert.Equal("AAPL", values["symbol"]);
        Assert.Equal(42L, values["cursorId"]);
        Assert.Equal(100, values["limit"]);
    }

    private static Dictionary<string, CommandDefinition> Commands() => new(StringComparer.Ordinal)
    {
        ["trades raw, all filters"] = TradeQueries.BuildRawTradesCommand(TradeListQuery.Create(1, Week, new TradeFilter("AAPL", "breakout", "stop_loss"), 10, 20, null)),
        ["trades raw, cursor"] = TradeQueries.BuildRawTradesCommand(WeekPage with { Cursor = TradeCursor.After(WeekPage, Week.End, 5) }),
        ["trades daily buckets"] = TradeQueries.BuildDailyBucketsCommand(TradeListQuery.Create(1, HalfYear, new TradeFilter("AAPL"), 10, 0, null)),
        ["summary raw"] = TradeQueries.BuildSummaryCommand(1, Week),
        ["summary daily"] = TradeQueries.BuildDailySummaryCommand(1, HalfYear),
        ["metrics, type and name"] = MetricQueries.BuildCommand(new MetricQuery(1, WindowType.Hourly, TradeMetrics.MetricType, TradeMetrics.AllTrades, Week, 100, 0)),
        ["metrics"] = MetricQueries.BuildCommand(new MetricQuery(1, WindowType.Daily, null, null, Week, 100, 0)),
        ["health"] = HealthQueries.BuildCommand(new HealthQuery(1, "order_router", Week, 100, 0)),
    };

    [GeneratedRegex(@"@(\w+)")]
    private static partial Regex Placeholder();
}
