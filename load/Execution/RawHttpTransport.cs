using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Perf.Load.Execution;

/// <summary>A minimal HTTP/1.1 client over pooled keep-alive sockets: GET only, plain http only.</summary>
/// <remarks>
/// On a 2-core machine the load generator shares the CPU with the server, so its cost per request decides how much
/// load it can offer: HttpClient spends several times what wrk does per request, this client about what wrk does.
/// It supports exactly what the API answers: Content-Length or chunked bodies, keep-alive and <c>Connection: close</c>.
/// </remarks>
internal sealed class RawHttpTransport : ILoadTransport
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMilliseconds(50);
    private readonly ConcurrentStack<RawHttpConnection> _idle = new();
    private readonly ConcurrentDictionary<RawHttpConnection, byte> _open = new();
    private readonly Timer _sweeper;
    private readonly Uri _baseAddress;
    private readonly string _hostHeader;
    private readonly TimeSpan _timeout;
    private EndPoint? _endPoint;

    private readonly bool _blocking;

    /// <param name="baseAddress">Plain http base URL.</param>
    /// <param name="requestTimeout">Per-request timeout.</param>
    /// <param name="blocking">Blocking socket calls on the caller's thread (closed-model worker threads only).</param>
    public RawHttpTransport(Uri baseAddress, TimeSpan requestTimeout, bool blocking = false)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        if (baseAddress.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException("The raw transport speaks plain http only.", nameof(baseAddress));
        }

        _baseAddress = baseAddress;
        _hostHeader = HostHeader(baseAddress);
        _timeout = requestTimeout;
        _blocking = blocking;

        // One timer for all requests instead of a CancellationTokenSource and timer entry per request.
        _sweeper = new Timer(_ => Sweep(), null, SweepInterval, SweepInterval);
    }

    public async Task<TransportResponse> GetAsync(string pathAndQuery, bool keepBody, CancellationToken cancellationToken)
    {
        var request = Encode(_baseAddress, _hostHeader, pathAndQuery, out var length);
        var deadline = Stopwatch.GetTimestamp() + (long)(_timeout.TotalSeconds * Stopwatch.Frequency);
        try
        {
            // A pooled connection the server already closed fails before any byte arrives: retry once on a new one.
            for (var attempt = 0; ; attempt++)
            {
                var reused = TryRentIdle(out var connection);
                connection ??= await ConnectAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    var response = await connection.ExchangeAsync(request.AsMemory(0, length), keepBody, deadline, cancellationToken).ConfigureAwait(false);
                    if (connection.Reusable)
                    {
                        _idle.Push(connection);
                    }
                    else
                    {
                        Close(connection);
                    }

                    return response;
                }
                catch (Exception ex) when (connection.TimedOut)
                {
                    Close(connection);
                    throw new OperationCanceledException("The request timed out.", ex);
                }
                catch (Exception ex) when (ex is IOException or SocketException && reused && attempt == 0 && !cancellationToken.IsCancellationRequested)
                {
                    Close(connection);
                }
                catch
                {
                    Close(connection);
                    throw;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(request);
        }
    }

    public void Dispose()
    {
        _sweeper.Dispose();
        foreach (var connection in _open.Keys)
        {
            Close(connection);
        }
    }

    private async Task<RawHttpConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        var connection = await RawHttpConnection.ConnectAsync(await EndPointAsync(timeout.Token).ConfigureAwait(false), _blocking, _timeout, timeout.Token).ConfigureAwait(false);
        _open.TryAdd(connection, 0);
        return connection;
    }

    private bool TryRentIdle([NotNullWhen(true)] out RawHttpConnection? connection)
    {
        while (_idle.TryPop(out connection))
        {
            // The sweeper may have closed a connection whose exchange ended just as its deadline passed.
            if (!connection.TimedOut)
            {
                return true;
            }

            Close(connection);
        }

        return false;
    }

    private void Close(RawHttpConnection connection)
    {
        _open.TryRemove(connection, out _);
        connection.Dispose();
    }

    private void Sweep()
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var connection in _open.Keys)
        {
            connection.AbortIfPast(now);
        }
    }

    /// <summary>The Host header for <paramref name="baseAddress"/>.</summary>
    internal static string HostHeader(Uri baseAddress) => baseAddress.IsDefaultPort ? baseAddress.Host : $"{baseAddress.Host}:{baseAddress.Port}";

    /// <summary>The GET request for <paramref name="pathAndQuery"/> in a pooled buffer (return it to <see cref="ArrayPool{T}.Shared"/>).</summary>
    internal static byte[] Encode(Uri baseAddress, string hostHeader, string pathAndQuery, out int length)
    {
        var target = pathAndQuery.StartsWith('/') && baseAddress.AbsolutePath == "/"
            ? pathAndQuery
            : new Uri(baseAddress, pathAndQuery).PathAndQuery;
        var text = $"GET {target} HTTP/1.1\r\nHost: {hostHeader}\r\nUser-Agent: Perf.Load\r\nAccept: */*\r\n\r\n";
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.ASCII.GetMaxByteCount(text.Length));
        length = Encoding.ASCII.GetBytes(text, buffer);
        return buffer;
    }

    /// <summary>The server's address, resolved once (DNS only when the host is a name).</summary>
    internal static EndPoint ResolveEndPoint(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var address = IPAddress.TryParse(baseAddress.IdnHost, out var literal) ? literal : Dns.GetHostAddresses(baseAddress.IdnHost)[0];
        return new IPEndPoint(address, baseAddress.Port);
    }

    private async ValueTask<EndPoint> EndPointAsync(CancellationToken cancellationToken)
    {
        if (_endPoint is not null)
        {
            return _endPoint;
        }

        if (_blocking || IPAddress.TryParse(_baseAddress.IdnHost, out _))
        {
            return _endPoint = ResolveEndPoint(_baseAddress);
        }

        var addresses = await Dns.GetHostAddressesAsync(_baseAddress.IdnHost, cancellationToken).ConfigureAwait(false);
        return _endPoint = new IPEndPoint(addresses[0], _baseAddress.Port);
    }
}
