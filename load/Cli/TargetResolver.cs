using Telemetry.CommandLine;

namespace Perf.Load.Cli;

/// <summary>Finds the API to load: <c>--url</c>, or the API hosted in-process over a provisioned, seeded server.</summary>
internal static class TargetResolver
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Resolves and checks the target; an unreachable one is a configuration error.</summary>
    public static async Task<LoadTarget> ResolveAsync(RunSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Url is null)
        {
            var options = settings.InProcess ?? throw new UsageException("No --url given and no in-process API configured.");
            return await InProcessApi.StartAsync(options, settings.Traffic, cancellationToken).ConfigureAwait(false);
        }

        await EnsureReachableAsync(settings.Url, cancellationToken).ConfigureAwait(false);
        return LoadTarget.ForUrl(settings.Url);
    }

    /// <summary>Sends one GET to the base URL; any HTTP response means reachable.</summary>
    public static async Task EnsureReachableAsync(Uri baseAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        using var client = new HttpClient { Timeout = ProbeTimeout };
        try
        {
            using var response = await client.GetAsync(baseAddress, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new UsageException($"Cannot reach {baseAddress}: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new UsageException($"Cannot reach {baseAddress}: no response within {ProbeTimeout.TotalSeconds:0} s.", ex);
        }
    }
}
