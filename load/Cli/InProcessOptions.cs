using Perf.Analysis.Capacity;
using Perf.Harness.Provisioning;
using Telemetry.Data.Schema;

namespace Perf.Load.Cli;

/// <summary>How to host the API in-process when no <c>--url</c> is given.</summary>
/// <param name="Variant">Schema variant whose database the API reads.</param>
/// <param name="DatabasePrefix">Prefix of the variant databases (<c>telemetry</c> → <c>telemetry_composite</c>).</param>
/// <param name="Caching">Whether the API caches responses.</param>
/// <param name="Provisioning">How to find the server (<c>--mysql</c>, <c>PERF_MYSQL</c>, Testcontainers, local mariadbd).</param>
/// <param name="CacheState">
/// <c>--cache-state</c>: warm uses the server as found; cold and constrained restart the local server before the API starts
/// (empty buffer pool, <c>O_DIRECT</c>, the OS page cache dropped where permitted), constrained with <paramref name="ConstrainedPoolBytes"/>.
/// </param>
/// <param name="ConstrainedPoolBytes">The memory-constrained state's buffer pool (<c>--buffer-pool</c>).</param>
internal sealed record InProcessOptions(
    SchemaVariant Variant,
    string DatabasePrefix,
    bool Caching,
    ProvisioningOptions Provisioning,
    CacheState CacheState = CacheState.Warm,
    long ConstrainedPoolBytes = ServerRestart.DefaultConstrainedBufferPoolBytes)
{
    /// <summary>The restart the cache state asks for before the API starts, or null for warm.</summary>
    public ServerRestart? Restart => CacheState switch
    {
        CacheState.Cold => new ServerRestart(DirectIo: true),
        CacheState.Constrained => new ServerRestart(ConstrainedPoolBytes, DirectIo: true),
        _ => null,
    };
}
