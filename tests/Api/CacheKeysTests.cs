using Telemetry.Api.Caching;
using Telemetry.Data.Model;
using Telemetry.Data.Queries;

namespace Perf.Tests.Api;

/// <summary>Each distinct query gets its own cache entry, whatever its free-text values contain.</summary>
public sealed class CacheKeysTests
{
    private static readonly DateRange Range = new(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 1, 31, 0, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void Metrics_SeparatorMovedBetweenTypeAndName_DifferentKeys()
    {
        // Metric names hold the separator themselves ("symbol:AAPL").
        var real = new MetricQuery(1, WindowType.Daily, "trade_pnl", "symbol:AAPL", Range, 100, 0);
        var other = real with { MetricType = "trade_pnl:symbol", MetricName = "AAPL" };
        Assert.NotEqual(CacheKeys.Metrics(real), CacheKeys.Metrics(other));
    }

    [Fact]
    public void Metrics_FilterAbsentOrGiven_DifferentKeys()
    {
        var all = new MetricQuery(1, WindowType.Daily, null, null, Range, 100, 0);
        Assert.NotEqual(CacheKeys.Metrics(all), CacheKeys.Metrics(all with { MetricType = "-" }));
        Assert.NotEqual(CacheKeys.Metrics(all with { MetricType = "pnl" }), CacheKeys.Metrics(all with { MetricName = "pnl" }));
    }

    [Fact]
    public void Metrics_SameQuery_SameKey() =>
        Assert.Equal(
            CacheKeys.Metrics(new MetricQuery(1, WindowType.Hourly, "trade_pnl", "symbol:AAPL", Range, 100, 0)),
            CacheKeys.Metrics(new MetricQuery(1, WindowType.Hourly, "trade_pnl", "symbol:AAPL", Range, 100, 0)));

    [Fact]
    public void Health_ScriptNameHoldingSeparator_DifferentKeys()
    {
        var one = new HealthQuery(1, "a:1", Range, 100, 0);
        Assert.NotEqual(CacheKeys.Health(one), CacheKeys.Health(one with { ScriptName = "a" }));
    }
}
