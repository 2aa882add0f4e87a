using System.Globalization;
using Telemetry.Data.Model;
using Telemetry.Data.Queries;

namespace Perf.Tests.Data;

public sealed class QueryRulesTests
{
    [Theory]
    [InlineData("1", 1)]
    [InlineData("2147483647", int.MaxValue)]
    public void ParseProfileId_PositiveInteger_Parses(string value, int expected) =>
        Assert.Equal(expected, QueryRules.ParseProfileId(value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData(" 1")]
    [InlineData("99999999999")]
    public void ParseProfileId_NotPositiveInteger_NamesProfileId(string? value)
    {
        var error = Assert.Throws<QueryValidationException>(() => QueryRules.ParseProfileId(value));
        Assert.Equal("profile_id", error.Parameter);
    }

    [Fact]
    public void ParseInstant_OffsetGiven_ConvertsToUtcMicroseconds()
    {
        var parsed = QueryRules.ParseInstant("2024-03-01T12:00:00.1234567+02:00", "start_time");
        Assert.Equal(new DateTime(2024, 3, 1, 10, 0, 0, DateTimeKind.Utc).AddTicks(1234560), parsed);
        Assert.Equal(DateTimeKind.Utc, parsed!.Value.Kind);
    }

    [Fact]
    public void ParseInstant_NoOffset_TakenAsUtc() =>
        Assert.Equal(new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc), QueryRules.ParseInstant("2024-03-01", "end_time"));

    [Theory]
    [InlineData("2024-01-31", "2024-01-31T00:00:00")]
    [InlineData("2024-01-31T09:30Z", "2024-01-31T09:30:00")]
    [InlineData("2024-01-31 09:30:00", "2024-01-31T09:30:00")]
    [InlineData("2024-01-31T09:30:00.5-05:00", "2024-01-31T14:30:00.5")]
    [InlineData("2024-01-31T09:30:00+0200", "2024-01-31T07:30:00")]
    public void ParseInstant_Iso8601Forms_Parse(string value, string expectedUtc) =>
        Assert.Equal(DateTime.Parse(expectedUtc, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), QueryRules.ParseInstant(value, "start_time"));

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2024-13-01")]
    [InlineData("0001-01-01")]
    [InlineData("2024-01-01T00:00:00Z-and-a-very-long-tail-of-text")]
    // DateTimeOffset.TryParse reads these (US month order; today's date by the system clock): not ISO 8601.
    [InlineData("01/02/2024")]
    [InlineData("12:00")]
    [InlineData("2024-01-31\n")]
    [InlineData("Jan 31 2024")]
    public void ParseInstant_Malformed_NamesParameter(string value)
    {
        var error = Assert.Throws<QueryValidationException>(() => QueryRules.ParseInstant(value, "end_time"));
        Assert.Equal("end_time", error.Parameter);
    }

    [Fact]
    public void ParseInstant_OffsetPlusSentUnencoded_SaysToEncodeIt()
    {
        // "…+02:00" in a query string arrives as "… 02:00".
        var error = Assert.Throws<QueryValidationException>(() => QueryRules.ParseInstant("2024-01-31T09:30:00 02:00", "start_time"));
        Assert.Contains("%2B", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AAPL\n")]
    [InlineData("ABCDEFGHIJKLMNOP\n")]
    public void ParseSymbol_TrailingNewline_Rejected(string value) =>
        Assert.Equal("symbol", Assert.Throws<QueryValidationException>(() => QueryRules.ParseSymbol(value)).Parameter);

    [Fact]
    public void ParseName_TrailingNewline_Rejected() =>
        Assert.Equal("metric_name", Assert.Throws<QueryValidationException>(() => QueryRules.ParseName("pnl\n", "metric_name", 96)).Parameter);

    [Theory]
    [InlineData(null, 1000)]
    [InlineData("1", 1)]
    [InlineData("10000", 10000)]
    public void ParseLimit_InBounds_Parses(string? value, int expected) => Assert.Equal(expected, QueryRules.ParseLimit(value));

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("10001")]
    [InlineData("1e3")]
    public void ParseLimit_OutOfBounds_NamesLimit(string value) =>
        Assert.Equal("limit", Assert.Throws<QueryValidationException>(() => QueryRules.ParseLimit(value)).Parameter);

    [Theory]
    [InlineData("-1")]
    [InlineData("100001")]
    [InlineData("99999999999999")]
    public void ParseOffset_NegativeOrHuge_NamesOffset(string value) =>
        Assert.Equal("offset", Assert.Throws<QueryValidationException>(() => QueryRules.ParseOffset(value, QueryRules.DeeperByRange)).Parameter);

    [Fact]
    public void ParseWindowType_KnownNameAnyCase_Parses() =>
        Assert.Equal(WindowType.Weekly, QueryRules.ParseWindowType("WEEKLY", WindowType.Daily));

    [Fact]
    public void ParseWindowType_Unknown_NamesWindowType() =>
        Assert.Equal("window_type", Assert.Throws<QueryValidationException>(() => QueryRules.ParseWindowType("yearly", WindowType.Daily)).Parameter);

    [Theory]
    [InlineData("aapl", "AAPL")]
    [InlineData("BRK.B", "BRK.B")]
    public void ParseSymbol_Valid_UpperCases(string value, string expected) => Assert.Equal(expected, QueryRules.ParseSymbol(value));

    [Theory]
    [InlineData("AAPL';DROP TABLE x")]
    [InlineData("ABCDEFGHIJKLMNOPQ")]
    [InlineData("A B")]
    public void ParseSymbol_OddOrLong_NamesSymbol(string value) =>
        Assert.Equal("symbol", Assert.Throws<QueryValidationException>(() => QueryRules.ParseSymbol(value)).Parameter);

    [Fact]
    public void ParseOneOf_Unknown_ListsAllowedValues()
    {
        var error = Assert.Throws<QueryValidationException>(() => QueryRules.ParseOneOf("moon", "exit_reason", TradeVocabulary.ExitReasons));
        Assert.Equal("exit_reason", error.Parameter);
        Assert.Contains("stop_loss", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseRequiredName_Missing_NamesParameter() =>
        Assert.Equal("script", Assert.Throws<QueryValidationException>(() => QueryRules.ParseRequiredName(null, "script", 64)).Parameter);

    [Fact]
    public void ParseName_TooLong_NamesParameter() =>
        Assert.Equal("metric_name", Assert.Throws<QueryValidationException>(() => QueryRules.ParseName(new string('a', 97), "metric_name", 96)).Parameter);

    private static readonly DateTime KeptCutoff = new(2025, 10, 31, 6, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void EnsureKept_RetentionNeverRan_PassesAnyRange()
    {
        var range = new DateRange(KeptCutoff.AddDays(-300), KeptCutoff);
        QueryRules.EnsureTradesKept(range, KeptFrom.Everything, startGiven: true);
        QueryRules.EnsureMetricsKept(range, WindowType.Monthly, KeptFrom.Everything, startGiven: true);
        QueryRules.EnsureHealthKept(range, KeptFrom.Everything, startGiven: true);
    }

    [Fact]
    public void EnsureTradesKept_WideRangeStartingInTheCutoffsDay_IsRefusedForTheWholeDayItReads()
    {
        // Over 90 days the answer reads the daily window of the start's day, which began before the cutoff and left with it.
        var kept = new KeptFrom(null, KeptCutoff, null);
        var error = Assert.Throws<QueryValidationException>(() => QueryRules.EnsureTradesKept(new DateRange(KeptCutoff.AddHours(1), KeptCutoff.AddDays(100)), kept, startGiven: true));
        Assert.Equal("start_time", error.Parameter);
        Assert.Contains("daily aggregates, which are kept for days from 2025-10-31T06:00:00Z", error.Message, StringComparison.Ordinal);

        QueryRules.EnsureTradesKept(new DateRange(KeptCutoff.Date.AddDays(1), KeptCutoff.AddDays(100)), kept, startGiven: true);
        // 90 days or less reads raw trades, which this cutoff does not concern.
        QueryRules.EnsureTradesKept(new DateRange(KeptCutoff.AddDays(-30), KeptCutoff), kept, startGiven: true);
    }

    [Theory]
    [InlineData(WindowType.Hourly, 0, true)]
    [InlineData(WindowType.Hourly, -1, false)]
    [InlineData(WindowType.Daily, 17, false)]
    [InlineData(WindowType.Daily, 18, true)]
    [InlineData(WindowType.Monthly, 17, false)]
    [InlineData(WindowType.Monthly, 18, true)]
    public void EnsureMetricsKept_JudgesTheWindowHoldingTheStart(WindowType windowType, int hoursAfterCutoff, bool answered)
    {
        var range = new DateRange(KeptCutoff.AddHours(hoursAfterCutoff), KeptCutoff.AddDays(20));
        void Check() => QueryRules.EnsureMetricsKept(range, windowType, new KeptFrom(null, KeptCutoff, null), startGiven: true);
        if (answered)
        {
            Check();
        }
        else
        {
            Assert.Equal("start_time", Assert.Throws<QueryValidationException>(Check).Parameter);
        }
    }

    [Fact]
    public void EnsureHealthKept_StartFollowingFromEndTime_BlamesEndTime()
    {
        var kept = new KeptFrom(KeptCutoff.AddDays(-100), KeptCutoff.AddDays(-100), KeptCutoff);
        var error = Assert.Throws<QueryValidationException>(() => QueryRules.EnsureHealthKept(new DateRange(KeptCutoff.AddDays(-4), KeptCutoff.AddDays(3)), kept, startGiven: false));
        Assert.Equal("end_time", error.Parameter);
        Assert.Contains("health samples are kept from 2025-10-31T06:00:00Z", error.Message, StringComparison.Ordinal);
        QueryRules.EnsureHealthKept(new DateRange(KeptCutoff, KeptCutoff.AddDays(3)), kept, startGiven: false);
    }
}
