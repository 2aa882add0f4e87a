namespace Telemetry.Api.Caching;

/// <summary>How long each kind of answer may be served from cache, as the optimization strategy sets it.</summary>
internal static class CachePolicy
{
    /// <summary>Answers whose range reaches into the last hour: real-time data, 5–10 s in the strategy.</summary>
    public static readonly TimeSpan RealTime = TimeSpan.FromSeconds(10);

    /// <summary>Answers about the past only: historical aggregations, 1–5 min in the strategy.</summary>
    public static readonly TimeSpan Historical = TimeSpan.FromMinutes(5);

    /// <summary>Trade summaries: 1 min in the strategy.</summary>
    public static readonly TimeSpan Summary = TimeSpan.FromMinutes(1);

    /// <summary>A range ending within this of now counts as real-time.</summary>
    public static readonly TimeSpan RealTimeHorizon = TimeSpan.FromHours(1);

    /// <summary>Default range ends snap to this step, so requests without an end share cache entries for a few seconds.</summary>
    public static readonly TimeSpan NowGranularity = TimeSpan.FromSeconds(5);

    /// <summary>The time-to-live of a list or metrics answer whose range ends at <paramref name="rangeEnd"/>.</summary>
    public static TimeSpan ForRange(DateTime rangeEnd, DateTime nowUtc) =>
        rangeEnd >= nowUtc - RealTimeHorizon ? RealTime : Historical;

    /// <summary>Now, floored to <see cref="NowGranularity"/>.</summary>
    public static DateTime SnappedNow(TimeProvider timeProvider)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % NowGranularity.Ticks), DateTimeKind.Utc);
    }
}
