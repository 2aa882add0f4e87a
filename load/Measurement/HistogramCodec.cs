using HdrHistogram;
using HdrHistogram.Utilities;

namespace Perf.Load.Measurement;

/// <summary>HdrHistogram's compressed V2 encoding as base64, the payload of every interval-log line.</summary>
internal static class HistogramCodec
{
    /// <summary>Encodes a histogram as base64 of its compressed byte form.</summary>
    public static string Encode(HistogramBase histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var buffer = ByteBuffer.Allocate(histogram.GetNeededByteBufferCapacity());
        var length = HistogramEncoding.EncodeIntoCompressedByteBuffer(histogram, buffer);
        var bytes = new byte[length];
        buffer.Position = 0;
        for (var i = 0; i < length; i++)
        {
            bytes[i] = buffer.Get();
        }

        return Convert.ToBase64String(bytes);
    }

    /// <summary>Decodes a base64 compressed histogram.</summary>
    public static HistogramBase Decode(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        var buffer = ByteBuffer.Allocate(bytes);
        return HistogramEncoding.DecodeFromCompressedByteBuffer(buffer, 0);
    }
}
