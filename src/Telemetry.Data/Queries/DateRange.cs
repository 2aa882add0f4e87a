using System.Text.Json.Serialization;

namespace Telemetry.Data.Queries;

/// <summary>An inclusive UTC time range, at most <see cref="QueryLimits.MaxRangeDays"/> whole days wide.</summary>
public sealed record DateRange(DateTime Start, DateTime End)
{
    /// <summary>The width of the range.</summary>
    [JsonIgnore]
    public TimeSpan Span => End - Start;

    /// <summary>
    /// Resolves optional bounds as the strategy's <c>get_trades</c> reads them: a missing end is now (a start alone
    /// means "since then"); with neither bound, the range is <paramref name="defaultSpan"/> ending now, and an end alone
    /// gets <paramref name="defaultSpan"/> before it.
    /// </summary>
    /// <exception cref="QueryValidationException">The start is not before the end, or the range exceeds a year.</exception>
    public static DateRange Resolve(DateTime? start, DateTime? end, TimeSpan defaultSpan, DateTime nowUtc)
    {
        var resolvedEnd = end ?? nowUtc;
        var resolvedStart = start ?? resolvedEnd - defaultSpan;
        var blamed = start is null ? ParameterNames.EndTime : ParameterNames.StartTime;
        if (resolvedStart >= resolvedEnd)
        {
            throw new QueryValidationException(blamed, end is null
                ? $"{ParameterNames.StartTime} must be in the past: without {ParameterNames.EndTime}, the range ends now."
                : $"{ParameterNames.StartTime} must be before {ParameterNames.EndTime}.");
        }

        // The strategy's rule, to the letter: (end_time - start_time).days > 365 is refused, so a leap year fits.
        if ((resolvedEnd - resolvedStart).Days > QueryLimits.MaxRangeDays)
        {
            throw new QueryValidationException(blamed, end is null
                ? $"Date range cannot exceed 1 year (365 days): without {ParameterNames.EndTime}, the range runs from {ParameterNames.StartTime} to now."
                : "Date range cannot exceed 1 year (365 days).");
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
