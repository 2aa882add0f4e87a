using Telemetry.Data.Model;

namespace Perf.Tests.Data;

/// <summary>Window boundaries by hand: the seeder's in-memory rollup and the incremental rollup both bucket with these.</summary>
public sealed class WindowTypesTests
{
    [Theory]
    // Sunday 2024-01-07: its ISO week starts on Monday 2024-01-01.
    [InlineData(WindowType.Hourly, "2024-01-07T13:45:10", "2024-01-07T13:00:00", "2024-01-07T14:00:00")]
    [InlineData(WindowType.Daily, "2024-01-07T13:45:10", "2024-01-07T00:00:00", "2024-01-08T00:00:00")]
    [InlineData(WindowType.Weekly, "2024-01-07T13:45:10", "2024-01-01T00:00:00", "2024-01-08T00:00:00")]
    [InlineData(WindowType.Monthly, "2024-01-07T13:45:10", "2024-01-01T00:00:00", "2024-02-01T00:00:00")]
    // A Monday starts its own week; a Sunday's week starts in the month before; February 2024 has 29 days.
    [InlineData(WindowType.Weekly, "2024-01-01T00:00:00", "2024-01-01T00:00:00", "2024-01-08T00:00:00")]
    [InlineData(WindowType.Weekly, "2024-03-03T23:59:59", "2024-02-26T00:00:00", "2024-03-04T00:00:00")]
    [InlineData(WindowType.Monthly, "2024-02-29T23:59:59", "2024-02-01T00:00:00", "2024-03-01T00:00:00")]
    public void WindowStartAndEnd_KnownInstants_HandComputed(WindowType windowType, string instant, string start, string end)
    {
        var windowStart = windowType.WindowStart(Utc(instant));

        Assert.Equal(Utc(start), windowStart);
        Assert.Equal(DateTimeKind.Utc, windowStart.Kind);
        Assert.Equal(Utc(end), windowType.WindowEnd(windowStart));
    }

    private static DateTime Utc(string text) =>
        DateTime.SpecifyKind(DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);
}
