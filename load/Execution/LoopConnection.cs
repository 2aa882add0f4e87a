using System.Net;
using System.Net.Sockets;

namespace Perf.Load.Execution;

/// <summary>One non-blocking keep-alive connection driven by an event loop: connect, write a request, collect the response bytes.</summary>
/// <remarks>The socket is never registered with .NET's socket engine: the loop that owns it is the only thread that touches it.</remarks>
/// <param name="token">The epoll tag of its socket: its index in the owning loop.</param>
internal sealed class LoopConnection(int token)
{
    private Socket? _socket;
    private byte[] _buffer = new byte[16 * 1024];
    private int _length;

    /// <summary>True from a successful open until <see cref="Close"/>.</summary>
    public bool IsOpen => _socket is not null;

    /// <summary>True while a connect started by <see cref="BeginOpen"/> has not completed.</summary>
    public bool Connecting { get; private set; }

    /// <summary>Responses completed on this socket (a pooled connection has served at least one).</summary>
    public int Completed { get; set; }

    /// <summary>Bytes received and not yet consumed.</summary>
    public ReadOnlySpan<byte> Received => _buffer.AsSpan(0, _length);

    /// <summary>Connects with a blocking call (the closed model, whose loop has nothing else to do for this worker meanwhile).</summary>
    public void Open(Epoll epoll, EndPoint endPoint)
    {
        if (_socket is not null)
        {
            return;
        }

        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Connect(endPoint);
            socket.Blocking = false;
            epoll.Watch(socket.SafeHandle, (ulong)token);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        Adopt(socket);
    }

    /// <summary>Starts a non-blocking connect; while <see cref="Connecting"/>, the loop waits for the socket to become writable and calls <see cref="EndOpen"/>.</summary>
    public void BeginOpen(Epoll epoll, EndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, Blocking = false };
        try
        {
            var connecting = false;
            try
            {
                socket.Connect(endPoint);
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
            {
                connecting = true;
            }

            epoll.Watch(socket.SafeHandle, (ulong)token, writable: connecting);
            Adopt(socket);
            Connecting = connecting;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Completes a connect once epoll reported the socket writable or failed; throws the connect's error.</summary>
    public void EndOpen(Epoll epoll)
    {
        var error = (SocketError)(int)_socket!.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
        if (error != SocketError.Success)
        {
            throw new SocketException((int)error);
        }

        epoll.WatchReadableOnly(_socket.SafeHandle, (ulong)token);
        Connecting = false;
    }

    /// <summary>Writes the whole request; a full socket buffer (never for a small GET on a fresh exchange) waits until it drains.</summary>
    public void Send(ReadOnlySpan<byte> request)
    {
        while (!request.IsEmpty)
        {
            var sent = _socket!.Send(request, SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock)
            {
                _socket.Poll(1000, SelectMode.SelectWrite);
                continue;
            }

            if (error != SocketError.Success)
            {
                throw new SocketException((int)error);
            }

            request = request[sent..];
        }
    }

    /// <summary>Reads once; false when the server closed the connection.</summary>
    public bool Receive()
    {
        if (_length == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var received = _socket!.Receive(_buffer, _length, _buffer.Length - _length, SocketFlags.None, out var error);
        if (error == SocketError.WouldBlock)
        {
            return true;
        }

        if (error != SocketError.Success)
        {
            throw new SocketException((int)error);
        }

        _length += received;
        return received > 0;
    }

    /// <summary>Drops a complete response from the buffer.</summary>
    public void Consume(int count)
    {
        _buffer.AsSpan(count, _length - count).CopyTo(_buffer);
        _length -= count;
    }

    /// <summary>Stops watching and closes the socket; the connection can be opened again.</summary>
    public void Close(Epoll epoll)
    {
        if (_socket is null)
        {
            return;
        }

        epoll.Remove(_socket.SafeHandle);
        _socket.Dispose();
        _socket = null;
        _length = 0;
        Completed = 0;
        Connecting = false;
    }

    private void Adopt(Socket socket)
    {
        _socket = socket;
        _length = 0;
        Completed = 0;
    }
}
