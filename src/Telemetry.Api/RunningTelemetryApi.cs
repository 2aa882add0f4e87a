namespace Telemetry.Api;

/// <summary>An API started in-process; disposing it stops it.</summary>
public sealed class RunningTelemetryApi(WebApplication app, Uri baseAddress) : IAsyncDisposable
{
    /// <summary>Where the API listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; } = baseAddress;

    /// <summary>The running application's services (metrics, cache), for harness diagnostics.</summary>
    public IServiceProvider Services => app.Services;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
