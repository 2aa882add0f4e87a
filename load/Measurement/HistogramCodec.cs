using System.Buffers.Binary;
using System.IO.Compression;
using HdrHistogram;
using HdrHistogram.Utilities;

namespace Perf.Load.Measurement;

/// <summary>HdrHistogram's compressed V2 encoding as base64, the payload of every interval-log line.</summary>
/// <remarks>
/// HdrHistogram.NET 2.5.0 cannot decode its own compressed form once the payload is larger than one
/// DeflateStream read returns ("The buffer does not contain the indicated payload amount"): it assumes a single
/// Read fills the buffer. So decoding inflates the zlib payload here, completely, and hands the library only the
/// uncompressed form.
/// </remarks>
internal static class HistogramCodec
{
    private const int HeaderLength = 8;

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

    /// <summary>Decodes a base64 compressed histogram of any size.</summary>
    /// <exception cref="FormatException">The text is not such a histogram.</exception>
    /// <exception cref="InvalidDataException">Its payload is not zlib data.</exception>
    public static HistogramBase Decode(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        if (bytes.Length < HeaderLength)
        {
            throw new FormatException("Compressed histogram is shorter than its header.");
        }

        var payloadLength = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4));
        if (payloadLength < 0 || payloadLength > bytes.Length - HeaderLength)
        {
            throw new FormatException("Compressed histogram length does not match its header.");
        }

        using var inflater = new ZLibStream(new MemoryStream(bytes, HeaderLength, payloadLength, writable: false), CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflater.CopyTo(raw);
        var uncompressed = ByteBuffer.Allocate(raw.ToArray());
        try
        {
            return HistogramEncoding.DecodeFromByteBuffer(uncompressed, 0, null);
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            // The library says "no valid cookie found" or "does not contain the full Histogram payload" with its own stack.
            throw new FormatException($"Compressed histogram holds no histogram: {ex.Message}", ex);
        }
    }
}
