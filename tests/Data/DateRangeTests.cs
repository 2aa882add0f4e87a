using Telemetry.Data.Queries;

namespace Perf.Tests.Data;

public sealed class DateRangeTests
{
    private static readonly DateTime Now = new(2026, 6, 15, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Resolve_NoBounds_DefaultSpanEndingNow()
    {
        var range = DateRange.Resolve(null, null, TimeSpan.FromDays(7), Now);
        Assert.Equal(Now, range.End);
        Assert.Equal(Now.AddDays(-7), range.Start);
    }

    [Fact]
    public void Resolve_OnlyStart_DefaultSpanAfterStartCappedAtNow()
    {
        Assert.Equal(Now.AddDays(-20).AddDays(7), DateRange.Resolve(Now.AddDays(-20), null, TimeSpan.FromDays(7), Now).End);
        Assert.Equal(Now, DateRange.Resolve(Now.AddDays(-2), null, TimeSpan.FromDays(7), Now).End);
    }

    [Fact]
    public void Resolve_ExactlyOneYear_Accepted() =>
        Assert.Equal(TimeSpan.FromDays(365), DateRange.Resolve(Now.AddDays(-365), Now, TimeSpan.FromDays(7), Now).Span);

    [Fact]
    public void Resolve_OverOneYear_Rejected()
    {
        var error = Assert.Throws<QueryValidationException>(() => DateRange.Resolve(Now.AddDays(-365).AddTicks(-10), Now, TimeSpan.FromDays(7), Now));
        Assert.Equal("start_time", error.Parameter);
        Assert.Contains("1 year", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_EndBeforeStart_Rejected() =>
        Assert.Throws<QueryValidationException>(() => DateRange.Resolve(Now, Now.AddDays(-1), TimeSpan.FromDays(7), Now));

    [Fact]
    public void Resolve_EndEqualsStart_Rejected() =>
        Assert.Throws<QueryValidationException>(() => DateRange.Resolve(Now, Now, TimeSpan.FromDays(7), Now));

    [Fact]
    public void ToWholeDays_PartialDays_WidensToMidnights()
    {
        var range = new DateRange(new DateTime(2026, 1, 1, 10, 0, 0, DateTimeKind.Utc), new DateTime(2026, 4, 2, 0, 0, 1, DateTimeKind.Utc)).ToWholeDays();
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), range.Start);
        Assert.Equal(new DateTime(2026, 4, 3, 0, 0, 0, DateTimeKind.Utc), range.End);
    }
}
