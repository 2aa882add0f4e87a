namespace Telemetry.Data.Model;

/// <summary>The stored names and bounds of <see cref="WindowType"/> values.</summary>
public static class WindowTypes
{
    /// <summary>The name stored in <c>window_type</c>.</summary>
    public static string ToName(this WindowType windowType) => windowType switch
    {
        WindowType.Hourly => "hourly",
        WindowType.Daily => "daily",
        WindowType.Weekly => "weekly",
        WindowType.Monthly => "monthly",
        _ => throw new ArgumentOutOfRangeException(nameof(windowType), windowType, null),
    };

    /// <summary>Parses a stored or user-given name, case-insensitive.</summary>
    public static bool TryParse(string? name, out WindowType windowType)
    {
        foreach (var candidate in Enum.GetValues<WindowType>())
        {
            if (string.Equals(candidate.ToName(), name, StringComparison.OrdinalIgnoreCase))
            {
                windowType = candidate;
                return true;
            }
        }

        windowType = default;
        return false;
    }

    /// <summary>The start of the window holding <paramref name="instant"/>.</summary>
    public static DateTime WindowStart(this WindowType windowType, DateTime instant) => windowType switch
    {
        WindowType.Hourly => new DateTime(instant.Year, instant.Month, instant.Day, instant.Hour, 0, 0, DateTimeKind.Utc),
        WindowType.Daily => DateTime.SpecifyKind(instant.Date, DateTimeKind.Utc),
        WindowType.Weekly => DateTime.SpecifyKind(instant.Date.AddDays(-(((int)instant.DayOfWeek + 6) % 7)), DateTimeKind.Utc),
        WindowType.Monthly => new DateTime(instant.Year, instant.Month, 1, 0, 0, 0, DateTimeKind.Utc),
        _ => throw new ArgumentOutOfRangeException(nameof(windowType), windowType, null),
    };

    /// <summary>The end (exclusive) of the window starting at <paramref name="windowStart"/>.</summary>
    public static DateTime WindowEnd(this WindowType windowType, DateTime windowStart) => windowType switch
    {
        WindowType.Hourly => windowStart.AddHours(1),
        WindowType.Daily => windowStart.AddDays(1),
        WindowType.Weekly => windowStart.AddDays(7),
        WindowType.Monthly => windowStart.AddMonths(1),
        _ => throw new ArgumentOutOfRangeException(nameof(windowType), windowType, null),
    };
}
