using System.Text.Json.Serialization;

namespace Telemetry.Data.Queries;

/// <summary>An inclusive UTC time range, at most <see cref="QueryLimits.MaxRange"/> wide.</summary>
public sealed record DateRange(DateTime Start, DateTime End)
{
    /// <summary>The width of the range.</summary>
    [JsonIgnore]
    public TimeSpan Span => End - Start;

    /// <summary>
    /// Resolves optional bounds: a missing end is now, a missing start is <paramref name="defaultSpan"/> before the end.
    /// </summary>
    /// <exception cref="QueryValidationException">The start is not before the end, or the range exceeds a year.</exception>
    public static DateRange Resolve(DateTime? start, DateTime? end, TimeSpan defaultSpan, DateTime nowUtc)
    {
        var resolvedEnd = end ?? (start is { } s && s + defaultSpan < nowUtc ? s + defaultSpan : nowUtc);
        var resolvedStart = start ?? resolvedEnd - defaultSpan;
        if (resolvedStart >= resolvedEnd)
        {
            throw new QueryValidationException(start is null ? ParameterNames.EndTime : ParameterNames.StartTime, $"{ParameterNames.StartTime} must be before {ParameterNames.EndTime}.");
        }

        if (resolvedEnd - resolvedStart > QueryLimits.MaxRange)
        {
            throw new QueryValidationException(start is null ? ParameterNames.EndTime : ParameterNames.StartTime, "Date range cannot exceed 1 year (365 days).");
        }

        return new DateRange(resolvedStart, resolvedEnd);
    }

    /// <summary>The range widened to whole UTC days, as daily aggregates cover it.</summary>
    public DateRange ToWholeDays()
    {
        var end = End.Date == End ? End : End.Date.AddDays(1);
        return new DateRange(Start.Date, end);
    }
}
