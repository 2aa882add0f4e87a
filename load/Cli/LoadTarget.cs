using Perf.Harness.Provisioning;
using Perf.Harness.Results;
using Perf.Load.Reports;
using Perf.Load.Scenarios;

namespace Perf.Load.Cli;

/// <summary>The API under load: where it listens and, when hosted here, what it runs on.</summary>
/// <param name="BaseAddress">Base URL.</param>
/// <param name="Description">The URL, or a description of the in-process host.</param>
/// <param name="Server">The provisioned database server, when the API is hosted here.</param>
/// <param name="Redis">The Redis behind the hosted API's second cache level, when one was named.</param>
/// <param name="Dataset">Dataset description, when known.</param>
/// <param name="DataTraffic">Profiles and anchor time read from the seeded data, used unless given on the command line.</param>
/// <param name="Owner">Disposed when the run ends (the in-process host), or null.</param>
/// <param name="Cache">The in-process API's database: its cache state, buffer pool and size (no page counts yet); null for a URL.</param>
/// <param name="Seeded">The in-process API's dataset as the seeder recorded it (seed, scale, rows, checksum), for the manifest; null for a URL or data the seeder did not record.</param>
internal sealed record LoadTarget(
    Uri BaseAddress,
    string Description,
    ProvisionedServer? Server,
    ProvisionedRedis? Redis,
    string? Dataset,
    TrafficOptions? DataTraffic,
    IAsyncDisposable? Owner,
    LoadCache? Cache = null,
    DatasetInfo? Seeded = null) : IAsyncDisposable
{
    /// <summary>A target that is only a URL.</summary>
    public static LoadTarget ForUrl(Uri url) => new(url, url?.ToString() ?? string.Empty, null, null, null, null, null);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Owner?.DisposeAsync() ?? ValueTask.CompletedTask;
}
