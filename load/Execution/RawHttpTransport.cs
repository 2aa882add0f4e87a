using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;

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
    private readonly HttpTarget _target;
    private readonly TimeSpan _timeout;

    /// <param name="target">The server.</param>
    /// <param name="requestTimeout">Per-request timeout.</param>
    public RawHttpTransport(HttpTarget target, TimeSpan requestTimeout)
    {
        ArgumentNullException.ThrowIfNull(target);
        _target = target;
        _timeout = requestTimeout;

        // One timer for all requests instead of a CancellationTokenSource and timer entry per request.
        _sweeper = new Timer(_ => Sweep(), null, SweepInterval, SweepInterval);
    }

    public async Task<TransportResponse> GetAsync(string pathAndQuery, bool keepBody, CancellationToken cancellationToken)
    {
        var request = _target.EncodeGet(pathAndQuery, out var length);
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
                catch (Exception ex) when (ex is IOException or SocketException && reused && attempt == 0 && !connection.ResponseStarted && !cancellationToken.IsCancellationRequested)
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
        var connection = await RawHttpConnection.ConnectAsync(_target.EndPoint, timeout.Token).ConfigureAwait(false);
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
}
