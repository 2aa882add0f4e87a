using System.Buffers;
using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Perf.Load.Execution;

/// <summary>One keep-alive HTTP/1.1 connection: writes a GET, reads status, headers and a Content-Length or chunked body.</summary>
internal sealed class RawHttpConnection : IDisposable
{
    private const int MaxHeaderBytes = 64 * 1024;
    private readonly Socket _socket;
    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    private readonly bool _blocking;

    private RawHttpConnection(Socket socket, bool blocking)
    {
        _socket = socket;
        _blocking = blocking;
    }

    private long _deadlineTicks;
    private int _timedOut;

    /// <summary>True once <see cref="AbortIfPast"/> ended an exchange that ran past its deadline.</summary>
    public bool TimedOut => Volatile.Read(ref _timedOut) != 0;

    /// <summary>False once the server said <c>Connection: close</c> or the connection failed.</summary>
    public bool Reusable { get; private set; } = true;

    /// <summary>Requests completed on this connection.</summary>
    public int Completed { get; private set; }

    /// <summary>Connects; a <paramref name="blocking"/> connection does all its I/O with blocking calls on the caller's thread.</summary>
    /// <remarks>
    /// Blocking I/O is for the closed model's dedicated worker threads: the kernel wakes the waiting thread directly,
    /// one wake per response like wrk's event loop, instead of an epoll thread handing each completion to the thread pool.
    /// </remarks>
    public static async Task<RawHttpConnection> ConnectAsync(EndPoint endPoint, bool blocking, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (blocking)
            {
                socket.ReceiveTimeout = socket.SendTimeout = (int)Math.Clamp(timeout.TotalMilliseconds, 1, int.MaxValue);
                socket.Connect(endPoint);
            }
            else
            {
                await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            }

            return new RawHttpConnection(socket, blocking);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Ends the exchange in progress (by closing the socket) when it has run past its deadline; called by the transport's sweeper.</summary>
    public void AbortIfPast(long nowTicks)
    {
        var deadline = Interlocked.Read(ref _deadlineTicks);
        if (deadline != 0 && nowTicks > deadline && Interlocked.Exchange(ref _timedOut, 1) == 0)
        {
            _socket.Dispose();
        }
    }

    /// <summary>Sends the encoded request and reads the complete response, within <paramref name="deadlineTicks"/> (Stopwatch time).</summary>
    public async Task<TransportResponse> ExchangeAsync(ReadOnlyMemory<byte> request, bool keepBody, long deadlineTicks, CancellationToken cancellationToken)
    {
        Reusable = false;
        Interlocked.Exchange(ref _deadlineTicks, deadlineTicks);
        try
        {
            return await ExchangeCoreAsync(request, keepBody, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Exchange(ref _deadlineTicks, 0);
        }
    }

    private async Task<TransportResponse> ExchangeCoreAsync(ReadOnlyMemory<byte> request, bool keepBody, CancellationToken cancellationToken)
    {
        if (_blocking)
        {
            _socket.Send(request.Span);
        }
        else
        {
            await _socket.SendAsync(request, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        }

        var (status, contentLength, chunked, close) = await ReadHeadersAsync(cancellationToken).ConfigureAwait(false);
        var body = keepBody ? new BodyBuffer() : default;
        long bytes;
        if (chunked)
        {
            bytes = await ReadChunkedAsync(keepBody ? body : null, cancellationToken).ConfigureAwait(false);
        }
        else if (contentLength >= 0)
        {
            bytes = await ReadFixedAsync(contentLength, keepBody ? body : null, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // No length and not chunked: the body runs to the end of the connection.
            bytes = await ReadFixedAsync(long.MaxValue, keepBody ? body : null, cancellationToken).ConfigureAwait(false);
            close = true;
        }

        Completed++;
        Reusable = !close;
        return new TransportResponse(status, bytes, body?.Array, body?.Length ?? 0);
    }

    public void Dispose() => _socket.Dispose();

    private async Task<(int Status, long ContentLength, bool Chunked, bool Close)> ReadHeadersAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var end = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                var head = _buffer.AsSpan(_start, end);
                _start += end + 4;
                return ParseHead(head);
            }

            if (_end - _start >= MaxHeaderBytes)
            {
                throw new InvalidDataException("Response headers exceed 64 KiB.");
            }

            if (await FillAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new IOException("The server closed the connection before the response headers.");
            }
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

    private async Task<long> ReadFixedAsync(long length, BodyBuffer? body, CancellationToken cancellationToken)
    {
        long remaining = length;
        long total = 0;
        while (remaining > 0)
        {
            if (_end == _start && await FillAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                if (length == long.MaxValue)
                {
                    break;
                }

                throw new IOException("The server closed the connection inside the response body.");
            }

            var take = (int)Math.Min(remaining, _end - _start);
            body?.Append(_buffer.AsSpan(_start, take));
            _start += take;
            remaining -= take;
            total += take;
        }

        return total;
    }

    private async Task<long> ReadChunkedAsync(BodyBuffer? body, CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            var semicolon = line.IndexOf(';');
            var sizeText = semicolon >= 0 ? line[..semicolon] : line;
            if (!long.TryParse(sizeText.Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var size) || size < 0)
            {
                throw new InvalidDataException("Malformed chunk size.");
            }

            if (size == 0)
            {
                // Trailers end with an empty line.
                while ((await ReadLineAsync(cancellationToken).ConfigureAwait(false)).Length > 0)
                {
                }

                return total;
            }

            total += await ReadFixedAsync(size, body, cancellationToken).ConfigureAwait(false);
            if ((await ReadLineAsync(cancellationToken).ConfigureAwait(false)).Length != 0)
            {
                throw new InvalidDataException("Missing CRLF after a chunk.");
            }
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var end = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8);
            if (end >= 0)
            {
                var line = Encoding.ASCII.GetString(_buffer, _start, end);
                _start += end + 2;
                return line;
            }

            if (_end - _start >= MaxHeaderBytes)
            {
                throw new InvalidDataException("Chunk header line too long.");
            }

            if (await FillAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new IOException("The server closed the connection inside a chunked body.");
            }
        }
    }

    private async ValueTask<int> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = _blocking
            ? _socket.Receive(_buffer.AsSpan(_end))
            : await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        _end += read;
        return read;
    }

    /// <summary>Collects a body in a pooled buffer.</summary>
    private sealed class BodyBuffer
    {
        public byte[] Array { get; private set; } = ArrayPool<byte>.Shared.Rent(4096);

        public int Length { get; private set; }

        public void Append(ReadOnlySpan<byte> data)
        {
            if (Length + data.Length > Array.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(Array.Length * 2, Length + data.Length));
                Array.AsSpan(0, Length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(Array);
                Array = larger;
            }

            data.CopyTo(Array.AsSpan(Length));
            Length += data.Length;
        }
    }
}
