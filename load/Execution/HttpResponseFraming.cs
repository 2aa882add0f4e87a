using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Perf.Load.Execution;

/// <summary>The one HTTP/1.1 response framer of the raw clients: finds where a response ends in the bytes received so far.</summary>
/// <remarks>
/// Both raw clients read whatever has arrived into a buffer and ask this whether it holds a complete response: the event
/// loops (<see cref="LoopConnection"/>) and the awaited <see cref="RawHttpConnection"/>. It supports what the API
/// answers: Content-Length, chunked (with trailers), a body that runs to the end of the connection, and
/// <c>Connection: close</c>.
/// </remarks>
internal static class HttpResponseFraming
{
    private const int MaxHeaderBytes = 64 * 1024;

    /// <summary>True when <paramref name="data"/> starts with a complete response; <paramref name="endOfStream"/> says the server closed the connection.</summary>
    /// <exception cref="InvalidDataException">Malformed or oversized headers, or a malformed chunk.</exception>
    public static bool TryFrame(ReadOnlySpan<byte> data, bool endOfStream, out HttpResponseFrame frame)
    {
        frame = default;
        var headEnd = data.IndexOf("\r\n\r\n"u8);
        if (headEnd < 0)
        {
            return data.Length > MaxHeaderBytes ? throw new InvalidDataException("Response headers exceed 64 KiB.") : false;
        }

        var (status, contentLength, chunked, close) = ParseHead(data[..headEnd]);
        var bodyStart = headEnd + 4;
        if (chunked)
        {
            var (complete, end, bodyBytes) = ScanChunks(data, bodyStart);
            frame = new HttpResponseFrame(status, bodyStart, end, bodyBytes, Chunked: true, close);
            return complete;
        }

        if (status is 204 or 304 || (status >= 100 && status < 200))
        {
            contentLength = 0;
        }

        if (contentLength >= 0)
        {
            var end = bodyStart + contentLength;
            frame = new HttpResponseFrame(status, bodyStart, (int)Math.Min(end, int.MaxValue), contentLength, Chunked: false, close);
            return data.Length >= end;
        }

        // No length and not chunked: the body runs to the end of the connection.
        frame = new HttpResponseFrame(status, bodyStart, data.Length, data.Length - bodyStart, Chunked: false, Close: true);
        return endOfStream;
    }

    /// <summary>Copies the body of a complete response (de-chunked) into <paramref name="destination"/>, which holds <see cref="HttpResponseFrame.BodyBytes"/> bytes.</summary>
    public static void CopyBody(ReadOnlySpan<byte> data, HttpResponseFrame frame, Span<byte> destination)
    {
        if (!frame.Chunked)
        {
            data.Slice(frame.BodyStart, (int)frame.BodyBytes).CopyTo(destination);
            return;
        }

        var position = frame.BodyStart;
        var written = 0;
        while (true)
        {
            var lineEnd = data[position..].IndexOf("\r\n"u8);
            var size = ChunkSize(data.Slice(position, lineEnd));
            position += lineEnd + 2;
            if (size == 0)
            {
                return;
            }

            data.Slice(position, size).CopyTo(destination[written..]);
            written += size;
            position += size + 2;
        }
    }

    /// <summary>Status, Content-Length (-1 when absent), chunked and close from a response head (status line and headers, without the blank line).</summary>
    internal static (int Status, long ContentLength, bool Chunked, bool Close) ParseHead(ReadOnlySpan<byte> head)
    {
        var lineEnd = head.IndexOf("\r\n"u8);
        var statusLine = lineEnd < 0 ? head : head[..lineEnd];
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out _))
        {
            throw new InvalidDataException("Malformed HTTP status line.");
        }

        long contentLength = -1;
        var chunked = false;
        var close = statusLine.StartsWith("HTTP/1.0"u8);
        var rest = lineEnd < 0 ? [] : head[(lineEnd + 2)..];
        while (!rest.IsEmpty)
        {
            var next = rest.IndexOf("\r\n"u8);
            var line = next < 0 ? rest : rest[..next];
            rest = next < 0 ? [] : rest[(next + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ');
            if (Ascii.EqualsIgnoreCase(name, "content-length"u8))
            {
                if (!Utf8Parser.TryParse(value, out contentLength, out _))
                {
                    throw new InvalidDataException("Malformed Content-Length.");
                }
            }
            else if (Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8))
            {
                chunked = value.IndexOf("chunked"u8) >= 0;
            }
            else if (Ascii.EqualsIgnoreCase(name, "connection"u8))
            {
                close = Ascii.EqualsIgnoreCase(value, "close"u8) || (close && !Ascii.EqualsIgnoreCase(value, "keep-alive"u8));
            }
        }

        return (status, contentLength, chunked, close);
    }

    private static (bool Complete, int End, long BodyBytes) ScanChunks(ReadOnlySpan<byte> data, int position)
    {
        long bodyBytes = 0;
        while (true)
        {
            var lineEnd = data[position..].IndexOf("\r\n"u8);
            if (lineEnd < 0)
            {
                return (false, 0, bodyBytes);
            }

            var size = ChunkSize(data.Slice(position, lineEnd));
            position += lineEnd + 2;
            if (size == 0)
            {
                // Trailers, if any, end with an empty line.
                while (true)
                {
                    var trailerEnd = data[position..].IndexOf("\r\n"u8);
                    if (trailerEnd < 0)
                    {
                        return (false, 0, bodyBytes);
                    }

                    position += trailerEnd + 2;
                    if (trailerEnd == 0)
                    {
                        return (true, position, bodyBytes);
                    }
                }
            }

            if (data.Length - position < (long)size + 2)
            {
                return (false, 0, bodyBytes);
            }

            if (!data.Slice(position + size, 2).SequenceEqual("\r\n"u8))
            {
                throw new InvalidDataException("Malformed chunk: no CRLF after the data.");
            }

            bodyBytes += size;
            position += size + 2;
        }
    }

    private static int ChunkSize(ReadOnlySpan<byte> line)
    {
        var extension = line.IndexOf((byte)';');
        var hex = (extension < 0 ? line : line[..extension]).Trim((byte)' ');
        return Utf8Parser.TryParse(hex, out int size, out var consumed, 'X') && consumed == hex.Length && size >= 0
            ? size
            : throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Malformed chunk size line ({line.Length} bytes)."));
    }
}
