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
    public void Metrics_AnyFieldChanged_DifferentKey()
    {
        var query = new MetricQuery(1, WindowType.Daily, "trade_pnl", "symbol:AAPL", Range, 100, 0);

        AllDistinct(
            CacheKeys.Metrics,
            query,
            query with { ProfileId = 2 },
            query with { WindowType = WindowType.Weekly },
            query with { MetricType = "health" },
            query with { MetricName = "*" },
            query with { Range = Range with { Start = Range.Start.AddTicks(1) } },
            query with { Range = Range with { End = Range.End.AddTicks(1) } },
            query with { Limit = 50 },
            query with { Offset = 100 });
    }

    [Fact]
    public void Health_AnyFieldChanged_DifferentKey()
    {
        var query = new HealthQuery(1, "breakout_scanner", Range, 100, 0);

        AllDistinct(
            CacheKeys.Health,
            query,
            query with { ProfileId = 2 },
            query with { ScriptName = "mean_reversion" },
            query with { Range = Range with { Start = Range.Start.AddTicks(1) } },
            query with { Range = Range with { End = Range.End.AddTicks(1) } },
            query with { Limit = 50 },
            query with { Offset = 100 });
    }

    [Fact]
    public void Trades_AnyFieldChanged_DifferentKey()
    {
        var query = new TradeListQuery(1, Range, new TradeFilter(), 100, 0, null);

        AllDistinct(
            CacheKeys.Trades,
            query,
            query with { ProfileId = 2 },
            query with { Range = Range with { Start = Range.Start.AddTicks(1) } },
            query with { Range = Range with { End = Range.End.AddTicks(1) } },
            query with { Filter = new TradeFilter(Symbol: "AAPL") },
            query with { Filter = new TradeFilter(TradeType: "AAPL") },
            query with { Filter = new TradeFilter(ExitReason: "AAPL") },
            query with { Limit = 50 },
            query with { Offset = 100 },
            query with { Cursor = TradeCursor.After(query, Range.Start.AddDays(3), 42) },
            query with { Cursor = TradeCursor.After(query, Range.Start.AddDays(3), 43) });
    }

    [Fact]
    public void Summary_AnyFieldChanged_DifferentKey() =>
        AllDistinct(
            q => CacheKeys.Summary(q.ProfileId, q.Range),
            (ProfileId: 1, Range),
            (ProfileId: 2, Range),
            (ProfileId: 1, Range: Range with { Start = Range.Start.AddTicks(1) }),
            (ProfileId: 1, Range: Range with { End = Range.End.AddTicks(1) }));

    [Fact]
    public void Health_ScriptNameHoldingSeparator_DifferentKeys()
    {
        var one = new HealthQuery(1, "a:1", Range, 100, 0);
        Assert.NotEqual(CacheKeys.Health(one), CacheKeys.Health(one with { ScriptName = "a" }));
    }

    [Fact]
    public void RedisInstance_DatabaseOrDataIdentityChanged_DifferentPrefix() =>
        AllDistinct(
            p => CacheKeys.RedisInstance(p.Database, p.Identity),
            (Database: "perf_basic", Identity: (string?)null),
            (Database: "perf_composite", Identity: (string?)null),
            (Database: "perf_basic", Identity: (string?)"checksum-1"),
            (Database: "perf_basic", Identity: (string?)"checksum-2"),
            (Database: "perf_basic:checksum-1", Identity: (string?)null));

    /// <summary>Each query differs from the first in one field: each must have a key of its own.</summary>
    private static void AllDistinct<T>(Func<T, string> key, params T[] queries)
    {
        Assert.Distinct(queries.Select(key), StringComparer.Ordinal);
    }
}
