using System.Globalization;
using System.Text;

namespace Telemetry.Api.Monitoring;

/// <summary>A thread-safe cumulative histogram of durations in seconds, rendered in Prometheus text format.</summary>
internal sealed class PrometheusHistogram
{
    private static readonly double[] Bounds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private readonly long[] _counts = new long[Bounds.Length + 1];
    private long _count;
    private long _sumMicroseconds;

    /// <summary>Records one duration.</summary>
    public void Record(TimeSpan duration)
    {
        var seconds = duration.TotalSeconds;
        var bucket = Array.FindIndex(Bounds, b => seconds <= b);
        Interlocked.Increment(ref _counts[bucket < 0 ? Bounds.Length : bucket]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sumMicroseconds, (long)(duration.Ticks / 10));
    }

    /// <summary>Appends the <c>_bucket</c>, <c>_sum</c> and <c>_count</c> series with the given label set.</summary>
    public void WriteTo(StringBuilder output, string name, string labels)
    {
        long cumulative = 0;
        for (var i = 0; i < Bounds.Length; i++)
        {
            cumulative += Interlocked.Read(ref _counts[i]);
            output.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels},le=\"{Bounds[i].ToString(CultureInfo.InvariantCulture)}\"}} {cumulative}\n");
        }

        cumulative += Interlocked.Read(ref _counts[Bounds.Length]);
        output.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels},le=\"+Inf\"}} {cumulative}\n");
        output.Append(CultureInfo.InvariantCulture, $"{name}_sum{{{labels}}} {(Interlocked.Read(ref _sumMicroseconds) / 1e6).ToString("0.######", CultureInfo.InvariantCulture)}\n");
        output.Append(CultureInfo.InvariantCulture, $"{name}_count{{{labels}}} {Interlocked.Read(ref _count)}\n");
    }
}
