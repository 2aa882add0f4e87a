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
    public void Resolve_OnlyStart_SinceThenUntilNow()
    {
        var range = DateRange.Resolve(Now.AddDays(-20), null, TimeSpan.FromDays(7), Now);
        Assert.Equal(Now.AddDays(-20), range.Start);
        Assert.Equal(Now, range.End);
    }

    [Fact]
    public void Resolve_OnlyEnd_DefaultSpanBeforeIt() =>
        Assert.Equal(Now.AddDays(-37), DateRange.Resolve(null, Now.AddDays(-30), TimeSpan.FromDays(7), Now).Start);

    [Fact]
    public void Resolve_OnlyStartOverAYearAgo_RejectedSayingTheRangeEndsNow()
    {
        var error = Assert.Throws<QueryValidationException>(() => DateRange.Resolve(Now.AddDays(-400), null, TimeSpan.FromDays(7), Now));
        Assert.Equal("start_time", error.Parameter);
        Assert.Contains("to now", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_OnlyStartInTheFuture_RejectedSayingItMustBePast()
    {
        var error = Assert.Throws<QueryValidationException>(() => DateRange.Resolve(Now.AddDays(1), null, TimeSpan.FromDays(7), Now));
        Assert.Equal("start_time", error.Parameter);
        Assert.Contains("in the past", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_ExactlyOneYear_Accepted() =>
        Assert.Equal(TimeSpan.FromDays(365), DateRange.Resolve(Now.AddDays(-365), Now, TimeSpan.FromDays(7), Now).Span);

    [Fact]
    public void Resolve_LeapYearFirstToLastSecond_Accepted()
    {
        // The document's rule is (end_time - start_time).days > 365: 365 days and 23:59:59 pass.
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var end = new DateTime(2024, 12, 31, 23, 59, 59, DateTimeKind.Utc);
        Assert.Equal(end, DateRange.Resolve(start, end, TimeSpan.FromDays(7), Now).End);
    }

    [Fact]
    public void Resolve_OverOneYear_Rejected()
    {
        var error = Assert.Throws<QueryValidationException>(() => DateRange.Resolve(Now.AddDays(-366), Now, TimeSpan.FromDays(7), Now));
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
