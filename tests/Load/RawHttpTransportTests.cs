using System.Net;
using System.Net.Sockets;
using System.Text;
using Perf.Load.Execution;

namespace Perf.Tests.Load;

/// <summary>The awaited raw client's retry of a pooled connection: only a failure before any byte of the response is retried.</summary>
public sealed class RawHttpTransportTests
{
    private const string Complete = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

    [Fact]
    public async Task GetAsync_PooledConnectionClosedMidResponse_FailsInsteadOfRetrying()
    {
        // The first connection answers once, then cuts its second response short; a retry would get a whole one.
        var ct = TestContext.Current.CancellationToken;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var server = ServeAsync(listener, [Complete, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial"], ct);
        using var transport = new RawHttpTransport(new HttpTarget(new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/")), TimeSpan.FromSeconds(5));

        var first = await transport.GetAsync("/", keepBody: false, ct);
        var second = await Record.ExceptionAsync(() => transport.GetAsync("/", keepBody: false, ct));

        Assert.Equal(200, first.StatusCode);
        Assert.IsType<IOException>(second);
        Assert.Equal(1, await server);
    }

    [Fact]
    public async Task GetAsync_PooledConnectionClosedBeforeResponding_RetriesOnANewConnection()
    {
        // The server closed the idle connection: the request fails before any byte and goes again on a new one.
        var ct = TestContext.Current.CancellationToken;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var server = ServeAsync(listener, [Complete, string.Empty], ct);
        using var transport = new RawHttpTransport(new HttpTarget(new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/")), TimeSpan.FromSeconds(5));

        var first = await transport.GetAsync("/", keepBody: false, ct);
        var second = await transport.GetAsync("/", keepBody: false, ct);

        Assert.Equal(200, first.StatusCode);
        Assert.Equal(200, second.StatusCode);
        Assert.Equal(2, await server);
    }

    /// <summary>Answers the first connection's requests with <paramref name="answers"/> in turn and then closes it; any later connection gets whole responses. Returns the connections accepted.</summary>
    private static async Task<int> ServeAsync(TcpListener listener, string[] answers, CancellationToken cancellationToken)
    {
        var connections = 0;
        using var first = await listener.AcceptSocketAsync(cancellationToken);
        connections++;
        foreach (var answer in answers)
        {
            await ReadRequestAsync(first, cancellationToken);
            await first.SendAsync(Encoding.ASCII.GetBytes(answer), cancellationToken);
        }

        first.Close();
        using var accepting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        accepting.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            using var next = await listener.AcceptSocketAsync(accepting.Token);
            connections++;
            await ReadRequestAsync(next, cancellationToken);
            await next.SendAsync(Encoding.ASCII.GetBytes(Complete), cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // No retry came.
        }

        return connections;
    }

    private static async Task ReadRequestAsync(Socket socket, CancellationToken cancellationToken)
    {
        var received = new StringBuilder();
        var buffer = new byte[1024];
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await socket.ReceiveAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return;
            }

            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
    }
}
