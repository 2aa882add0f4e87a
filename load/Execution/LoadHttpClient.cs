using System.Net;

namespace Perf.Load.Execution;

/// <summary>The HttpClient every run uses, tuned so the client is never the bottleneck.</summary>
internal static class LoadHttpClient
{
    /// <summary>A client for <paramref name="baseAddress"/> with a large connection pool and no proxy, cookies or decompression.</summary>
    public static HttpClient Create(Uri baseAddress, TimeSpan requestTimeout, int maxConnections = 0)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections > 0 ? maxConnections : 100_000,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        return new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = baseAddress,
            Timeout = requestTimeout,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }
}
