using System.Text;
using Telemetry.Api.Monitoring;

namespace Perf.Tests.Api;

public sealed class PrometheusHistogramTests
{
    [Fact]
    public void WriteTo_Buckets_AreCumulativeWithSumAndCount()
    {
        var histogram = new PrometheusHistogram();
        histogram.Record(TimeSpan.FromMilliseconds(3));
        histogram.Record(TimeSpan.FromMilliseconds(300));
        histogram.Record(TimeSpan.FromSeconds(20));
        var text = new StringBuilder();
        histogram.WriteTo(text, "x", "q=\"a\"");
        var lines = text.ToString();
        Assert.Contains("x_bucket{q=\"a\",le=\"0.005\"} 1\n", lines, StringComparison.Ordinal);
        Assert.Contains("x_bucket{q=\"a\",le=\"0.5\"} 2\n", lines, StringComparison.Ordinal);
        Assert.Contains("x_bucket{q=\"a\",le=\"10\"} 2\n", lines, StringComparison.Ordinal);
        Assert.Contains("x_bucket{q=\"a\",le=\"+Inf\"} 3\n", lines, StringComparison.Ordinal);
        Assert.Contains("x_sum{q=\"a\"} 20.303\n", lines, StringComparison.Ordinal);
        Assert.Contains("x_count{q=\"a\"} 3\n", lines, StringComparison.Ordinal);
    }
}
