using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace Perf.Load.Execution;

/// <summary>One keep-alive HTTP/1.1 connection on the awaited path: writes a GET, reads until <see cref="HttpResponseFraming"/> finds the whole response.</summary>
internal sealed class RawHttpConnection : IDisposable
{
    private readonly Socket _socket;
    private byte[] _buffer = new byte[16 * 1024];
    private int _length;
    private long _deadlineTicks;
    private int _timedOut;

    private RawHttpConnection(Socket socket) => _socket = socket;

    /// <summary>True once <see cref="AbortIfPast"/> ended an exchange that ran past its deadline.</summary>
    public bool TimedOut => Volatile.Read(ref _timedOut) != 0;

    /// <summary>False once the server said <c>Connection: close</c> or the connection failed.</summary>
    public bool Reusable { get; private set; } = true;

    /// <summary>True once any byte of the current exchange's response arrived: a failure after that is the server's, not a stale pooled connection's.</summary>
    public bool ResponseStarted { get; private set; }

    /// <summary>Connects to <paramref name="endPoint"/>.</summary>
    public static async Task<RawHttpConnection> ConnectAsync(EndPoint endPoint, CancellationToken cancellationToken)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
            return new RawHttpConnection(socket);
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
    /// <exception cref="IOException">The server closed the connection before the response was complete.</exception>
    /// <exception cref="InvalidDataException">The response is not HTTP/1.1 the framer understands.</exception>
    public async Task<TransportResponse> ExchangeAsync(ReadOnlyMemory<byte> request, bool keepBody, long deadlineTicks, CancellationToken cancellationToken)
    {
        Reusable = false;
        ResponseStarted = false;
        Interlocked.Exchange(ref _deadlineTicks, deadlineTicks);
        try
        {
            await _socket.SendAsync(request, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            HttpResponseFrame frame;
            var endOfStream = false;
            while (!HttpResponseFraming.TryFrame(_buffer.AsSpan(0, _length), endOfStream, out frame))
            {
                if (endOfStream)
                {
                    throw new IOException("The server closed the connection before the response was complete.");
                }

                endOfStream = await ReceiveAsync(cancellationToken).ConfigureAwait(false) == 0;
            }

            byte[]? body = null;
            if (keepBody)
            {
                body = ArrayPool<byte>.Shared.Rent((int)Math.Max(1, frame.BodyBytes));
                HttpResponseFraming.CopyBody(_buffer.AsSpan(0, _length), frame, body);
            }

            _buffer.AsSpan(frame.End, _length - frame.End).CopyTo(_buffer);
            _length -= frame.End;
            Reusable = !frame.Close;
            return new TransportResponse(frame.Status, frame.BodyBytes, body, body is null ? 0 : (int)frame.BodyBytes);
        }
        finally
        {
            Interlocked.Exchange(ref _deadlineTicks, 0);
        }
    }

    public void Dispose() => _socket.Dispose();

    private async ValueTask<int> ReceiveAsync(CancellationToken cancellationToken)
    {
        if (_length == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = await _socket.ReceiveAsync(_buffer.AsMemory(_length), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        _length += read;
        ResponseStarted |= read > 0;
        return read;
    }
}
