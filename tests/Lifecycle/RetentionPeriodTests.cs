using Telemetry.Data.Lifecycle;

namespace Perf.Tests.Lifecycle;

public sealed class RetentionPeriodTests
{
    [Theory]
    [InlineData("90d", 90, RetentionUnit.Days)]
    [InlineData("12w", 12, RetentionUnit.Weeks)]
    [InlineData("18mo", 18, RetentionUnit.Months)]
    [InlineData("1y", 1, RetentionUnit.Years)]
    [InlineData(" 2 years ", 2, RetentionUnit.Years)]
    [InlineData("30DAYS", 30, RetentionUnit.Days)]
    [InlineData("100y", 100, RetentionUnit.Years)]
    [InlineData("1200mo", 1200, RetentionUnit.Months)]
    [InlineData("5217w", 5217, RetentionUnit.Weeks)]
    [InlineData("36525d", 36525, RetentionUnit.Days)]
    public void Parse_ValidText_ReadsAmountAndUnit(string text, int amount, RetentionUnit unit)
    {
        var period = RetentionPeriod.Parse(text);

        Assert.Equal((amount, unit), (period.Amount, period.Unit));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0d")]
    [InlineData("-5d")]
    [InlineData("90")]
    [InlineData("1.5y")]
    [InlineData("10m")]
    [InlineData("101y")]
    [InlineData("1201mo")]
    [InlineData("5218w")]
    [InlineData("36526d")]
    [InlineData("99999999999d")]
    [InlineData("1 fortnight")]
    public void Parse_InvalidText_ThrowsWithAHint(string text)
    {
        var error = Assert.Throws<FormatException>(() => RetentionPeriod.Parse(text));

        Assert.Contains("retention period", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CutoffBefore_CalendarUnits_AreExact()
    {
        var now = new DateTime(2026, 3, 31, 12, 0, 0, DateTimeKind.Utc);

        Assert.Equal(new DateTime(2025, 3, 31, 12, 0, 0, DateTimeKind.Utc), RetentionPeriod.Parse("1y").CutoffBefore(now));
        Assert.Equal(new DateTime(2026, 2, 28, 12, 0, 0, DateTimeKind.Utc), RetentionPeriod.Parse("1mo").CutoffBefore(now));
        Assert.Equal(new DateTime(2025, 12, 31, 12, 0, 0, DateTimeKind.Utc), RetentionPeriod.Parse("90d").CutoffBefore(now));
    }

    [Fact]
    public void RetentionPolicy_Default_IsTheStrategys()
    {
        var policy = RetentionPolicy.Default;

        Assert.Equal(["365d", "730d", "90d"], policy.Rules.Select(r => r.Period.ToString()));
        // timedelta(days=365) back from a day after 29 February reaches one day later than a calendar year.
        var now = new DateTime(2028, 3, 15, 12, 0, 0, DateTimeKind.Utc);
        Assert.Equal(new DateTime(2027, 3, 16, 12, 0, 0, DateTimeKind.Utc), policy.Trades.CutoffBefore(now));
        Assert.Equal(new DateTime(2026, 3, 16, 12, 0, 0, DateTimeKind.Utc), policy.Metrics.CutoffBefore(now));
        Assert.Equal([RetentionAction.Archive, RetentionAction.Archive, RetentionAction.Delete], policy.Rules.Select(r => r.Action));
    }

    [Fact]
    public void RetentionPolicy_InvalidPeriod_NamesTheTable()
    {
        var error = Assert.Throws<FormatException>(() => RetentionPolicy.Parse("1y", "zero", "90d"));

        Assert.StartsWith("Invalid metrics retention", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RetentionOptions_ChunkSizeOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetentionOptions { ChunkSize = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetentionOptions { Pause = TimeSpan.FromMinutes(5) });
    }
}
