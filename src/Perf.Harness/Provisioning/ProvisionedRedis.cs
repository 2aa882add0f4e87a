namespace Perf.Harness.Provisioning;

/// <summary>A Redis server the harness may use; disposing it stops the server when the harness started it.</summary>
public sealed class ProvisionedRedis : IAsyncDisposable
{
    private readonly Func<ValueTask>? stop;
    private int disposed;

    internal ProvisionedRedis(string configuration, string source, string version, Func<ValueTask>? stop)
    {
        Configuration = configuration;
        Source = source;
        Version = version;
        this.stop = stop;
    }

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:40123</c>.</summary>
    public string Configuration { get; }

    /// <summary>Where the server came from: <c>configuration</c> (from <c>--redis</c>/<c>PERF_REDIS</c>) or <c>local:redis-server</c>.</summary>
    public string Source { get; }

    /// <summary>The server's <c>redis_version</c>.</summary>
    public string Version { get; }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0 && stop is not null)
        {
            await stop().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"Redis {Version} ({Source})";
}
