namespace Perf.Seed.Generation;

/// <summary>US equity trading days and regular session hours in UTC.</summary>
/// <remarks>
/// Daylight saving is computed from the US rule (second Sunday of March to first Sunday of November) rather than
/// read from the machine's time-zone database, so every machine produces the same session times.
/// </remarks>
internal static class MarketCalendar
{
    private static readonly TimeSpan OpenEastern = new(9, 30, 0);
    private static readonly TimeSpan CloseEastern = new(16, 0, 0);

    /// <summary>Whether the exchange trades on <paramref name="day"/>: weekdays except New Year, Independence Day and Christmas.</summary>
    public static bool IsTradingDay(DateOnly day)
    {
        if (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return false;
        }

        return !((day.Month == 1 && day.Day == 1) || (day.Month == 7 && day.Day == 4) || (day.Month == 12 && day.Day == 25));
    }

    /// <summary>The session open in UTC.</summary>
    public static DateTime OpenUtc(DateOnly day) => ToUtc(day, OpenEastern);

    /// <summary>The session close in UTC.</summary>
    public static DateTime CloseUtc(DateOnly day) => ToUtc(day, CloseEastern);

    /// <summary>The trading days in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static IReadOnlyList<DateOnly> TradingDays(DateOnly from, DateOnly to)
    {
        var days = new List<DateOnly>();
        for (var day = from; day < to; day = day.AddDays(1))
        {
            if (IsTradingDay(day))
            {
                days.Add(day);
            }
        }

        return days;
    }

    private static DateTime ToUtc(DateOnly day, TimeSpan easternTime)
    {
        var offsetHours = IsUsDaylightTime(day) ? 4 : 5;
        return day.ToDateTime(TimeOnly.FromTimeSpan(easternTime), DateTimeKind.Utc).AddHours(offsetHours);
    }

    private static bool IsUsDaylightTime(DateOnly day)
    {
        var start = NthSunday(day.Year, 3, 2);
        var end = NthSunday(day.Year, 11, 1);
        return day >= start && day < end;
    }

    private static DateOnly NthSunday(int year, int month, int n)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)DayOfWeek.Sunday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (n - 1)));
    }
}
