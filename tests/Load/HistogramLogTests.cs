using System.Globalization;
using Perf.Load.Measurement;
using Perf.Load.Reports;

namespace Perf.Tests.Load;

public sealed class HistogramLogTests
{
    [Fact]
    public void WriteRead_LargeHistogram_RoundTripsExactly()
    {
        // Values spread over the whole trackable range make a payload far larger than one DeflateStream read,
        // which HdrHistogram.NET 2.5.0's own reader cannot decode.
        var histogram = Histograms.Create();
        var random = new Random(7);
        for (var i = 0; i < 1_000_000; i++)
        {
            histogram.RecordValue(Histograms.Clamp((long)Math.Exp(random.NextDouble() * 22)));
        }

        var start = DateTimeOffset.FromUnixTimeMilliseconds(1_790_000_000_000);
        var interval = new IntervalSnapshot("endpoint.trades", start.ToUnixTimeMilliseconds(), start.ToUnixTimeMilliseconds() + 1000, histogram.TotalCount, 0, 0, 0, 0, Histograms.MaxMs(histogram), HistogramCodec.Encode(histogram));
        var untagged = interval with { Tag = null };
        using var writer = new StringWriter(CultureInfo.InvariantCulture);

        HistogramLog.Write(writer, start, [untagged, interval]);
        var text = writer.ToString();
        var entries = HistogramLog.Read(new StringReader(text));

        Assert.True(text.Length > 20_000);
        Assert.All(text, c => Assert.True(c < 128));
        Assert.Contains("#[Histogram log format version 1.3]", text, StringComparison.Ordinal);
        Assert.Equal(2, entries.Count);
        Assert.Null(entries[0].Tag);
        Assert.Equal("endpoint.trades", entries[1].Tag);
        Assert.Equal(start.ToUnixTimeMilliseconds() / 1000.0, entries[1].StartUnixSeconds, precision: 3);
        Assert.Equal(1.0, entries[1].LengthSeconds, precision: 3);
        var read = entries[1].Histogram;
        Assert.Equal(histogram.TotalCount, read.TotalCount);
        foreach (var p in new[] { 1.0, 50, 90, 99, 99.9, 99.99, 100 })
        {
            Assert.Equal(histogram.GetValueAtPercentile(p), read.GetValueAtPercentile(p));
        }
    }

    [Fact]
    public void Read_MalformedLine_ThrowsFormatException()
    {
        var ex = Assert.Throws<FormatException>(() => HistogramLog.Read(new StringReader("#[StartTime: 1.0 (seconds since epoch)]\n0.0,1.0,2.0\n")));
        Assert.Contains("line 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PercentileDistribution_WritesInvariantDecimals()
    {
        var histogram = Histograms.Create();
        histogram.RecordValue(1_234);
        histogram.RecordValue(56_789);

        var text = PercentileDistribution.Render(histogram);

        Assert.Contains("1.234", text, StringComparison.Ordinal);
        Assert.Contains("#[Max     =", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1,234", text, StringComparison.Ordinal);
    }
}
