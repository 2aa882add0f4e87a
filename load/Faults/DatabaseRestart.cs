using Perf.Harness.Provisioning;

namespace Perf.Load.Faults;

/// <summary>The fault of <c>load run --restart-db-at</c>: restarts the in-process API's database once during the run and watches the API's <c>/readyz</c> around it.</summary>
internal static class DatabaseRestart
{
    /// <summary>How long the API may take to be ready again after the server is up before the outage is reported as not recovered.</summary>
    public static readonly TimeSpan ReadyWait = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan PollTimeout = TimeSpan.FromSeconds(1);

    /// <summary>Waits <paramref name="delay"/>, restarts <paramref name="server"/> and polls <paramref name="api"/>'s readiness until it is ready again.</summary>
    public static async Task<DatabaseOutage> RunAsync(ProvisionedServer server, Uri api, TimeSpan delay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        using var client = new HttpClient { BaseAddress = api, Timeout = PollTimeout };
        var down = DateTimeOffset.UtcNow;
        DateTimeOffset? up = null;
        var restart = RestartAsync();
        DateTimeOffset? unready = null;
        DateTimeOffset? readyAgain = null;
        while (readyAgain is null && !restart.IsFaulted && !restart.IsCanceled && (!restart.IsCompletedSuccessfully || DateTimeOffset.UtcNow - up < ReadyWait))
        {
            var serverUp = restart.IsCompletedSuccessfully;
            var ready = await IsReadyAsync(client, cancellationToken).ConfigureAwait(false);
            if (!ready)
            {
                unready ??= DateTimeOffset.UtcNow;
            }
            else if (serverUp)
            {
                // Ready after the server is up: recovered (or it never looked unready to a poll).
                readyAgain = unready is null ? null : DateTimeOffset.UtcNow;
                break;
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }

        await restart.ConfigureAwait(false);
        return new DatabaseOutage(down, up!.Value, unready, readyAgain);

        async Task RestartAsync()
        {
            // A restart as production sees it: the OS page cache stays (dropping it means a sync that can stall the whole machine).
            await server.RestartAsync(new ServerRestart(KeepOsPageCache: true), cancellationToken).ConfigureAwait(false);
            up = DateTimeOffset.UtcNow;
        }
    }

    private static async Task<bool> IsReadyAsync(HttpClient client, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync("readyz", cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
