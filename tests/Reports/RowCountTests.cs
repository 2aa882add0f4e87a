using Perf.Analysis.Capacity;

namespace Perf.Tests.Reports;

public sealed class RowCountTests
{
    [Theory]
    [InlineData("250000", 250_000)]
    [InlineData("300k", 300_000)]
    [InlineData("1.5M", 1_500_000)]
    [InlineData("2b", 2_000_000_000)]
    [InlineData("1_000_000", 1_000_000)]
    public void Parse_HumanCounts_Rows(string text, long expected) => Assert.Equal(expected, RowCount.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("-5k")]
    [InlineData("lots")]
    [InlineData("0")]
    public void Parse_NotACount_Throws(string text) => Assert.Throws<FormatException>(() => RowCount.Parse(text));

    [Fact]
    public void ParseList_UnsortedWithDuplicates_SortedDistinct() =>
        Assert.Equal([100_000L, 300_000, 1_000_000], RowCount.ParseList("1M, 100k,300k,1000000"));
}
