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

    /// <summary>Now, rounded up to <see cref="NowGranularity"/>: the end of a range given without <c>end_time</c>.</summary>
    /// <remarks>
    /// Up, not down: every request within one step still gets the same end (so the same cache key), and that end is never
    /// before now, so a <c>start_time</c> from the last few seconds lies before it. Rounded down, a start 2 s ago at 12:00:04
    /// came after the 12:00:00 end and was refused as "not in the past". The end lies at most one step ahead of this server's
    /// clock, which adds to the answer only a row stamped by a clock that far ahead of it. A given <c>end_time</c> does not
    /// go through here and is taken as it is.
    /// </remarks>
    public static DateTime SnappedNow(TimeProvider timeProvider)
    {
        var ticks = timeProvider.GetUtcNow().UtcDateTime.Ticks;
        var step = NowGranularity.Ticks;
        return new DateTime(ticks + ((step - (ticks % step)) % step), DateTimeKind.Utc);
    }
}
