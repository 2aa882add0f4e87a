using Perf.Tests.Infrastructure;
using Telemetry.Api;
using Telemetry.Data.Schema;

namespace Perf.Tests.Api;

/// <summary>One set of variants and one in-process API over the Composite variant, queried through the read-only account.</summary>
public sealed class ApiFixture(DatabaseServerFixture server) : IAsyncLifetime
{
    public const int Profiles = 3;
    public const int Days = 200;

    public VariantSet Variants { get; private set; } = null!;

    public RunningTelemetryApi Api { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public string Database => Variants.Databases[SchemaVariant.Composite];

    public async ValueTask InitializeAsync()
    {
        if (server.Server is null)
        {
            return;
        }

        Variants = await VariantSet.CreateAsync(server, trades: 5000, Profiles, Days);
        var reader = await server.Server.CreateReadOnlyAccountAsync([Database], TestContext.Current.CancellationToken);
        Api = await TelemetryApiHost.StartAsync(new TelemetryApiOptions { ConnectionString = reader }, TestContext.Current.CancellationToken);
        Client = new HttpClient { BaseAddress = Api.BaseAddress };
    }

    /// <summary>An API of its own over the Composite database, so its clock, cache and counts are the calling test's alone.</summary>
    public async Task<RunningTelemetryApi> StartApiAsync(TimeProvider clock)
    {
        var reader = await server.Server!.CreateReadOnlyAccountAsync([Database], TestContext.Current.CancellationToken);
        return await TelemetryApiHost.StartAsync(new TelemetryApiOptions { ConnectionString = reader, TimeProvider = clock }, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (Api is not null)
        {
            await Api.DisposeAsync();
        }
    }
}
