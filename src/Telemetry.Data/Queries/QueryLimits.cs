namespace Telemetry.Data.Queries;

/// <summary>The bounds every query obeys (the strategy's "always LIMIT, always a date range, at most a year").</summary>
public static class QueryLimits
{
    /// <summary>Rows returned when the caller names no limit.</summary>
    public const int DefaultLimit = 1000;

    /// <summary>The largest limit accepted.</summary>
    public const int MaxLimit = 10_000;

    /// <summary>The deepest offset accepted: trade lists page deeper by cursor, which costs the same at any depth; metrics and health, which have none, by a narrower range.</summary>
    public const int MaxOffset = 100_000;

    /// <summary>The longest metric type accepted (the column's width).</summary>
    public const int MaxMetricTypeLength = 32;

    /// <summary>The longest metric name accepted (the column's width).</summary>
    public const int MaxMetricNameLength = 96;

    /// <summary>The longest script name accepted (the column's width).</summary>
    public const int MaxScriptNameLength = 64;

    /// <summary>The widest date range accepted, in whole days: a range of 365 days and 23:59:59 is accepted, 366 days is not.</summary>
    public const int MaxRangeDays = 365;

    /// <summary>Ranges wider than this are answered from daily aggregates instead of raw trades.</summary>
    public static readonly TimeSpan RawTradesMaxRange = TimeSpan.FromDays(90);

    /// <summary>The default range of trade lists.</summary>
    public static readonly TimeSpan DefaultTradeRange = TimeSpan.FromDays(7);

    /// <summary>The default range of summaries and windowed metrics.</summary>
    public static readonly TimeSpan DefaultAggregateRange = TimeSpan.FromDays(30);

    /// <summary>The default range of system health.</summary>
    public static readonly TimeSpan DefaultHealthRange = TimeSpan.FromDays(7);
}
