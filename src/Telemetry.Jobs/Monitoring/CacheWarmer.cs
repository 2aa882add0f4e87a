using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Telemetry.Jobs.Monitoring;

/// <summary>Pre-loads the API's cache by requesting the most-requested views, so the first dashboard user is not the one who pays.</summary>
public sealed class CacheWarmer(HttpClient http, ILogger? logger = null)
{
    private readonly ILogger logger = logger ?? NullLogger.Instance;

    /// <summary>The dashboards' default views (7–30 days, the API's default ranges) for each profile.</summary>
    /// <remarks>
    /// Health views are not among them: each is one script's (<c>script</c> is required), which only the caller knows
    /// (<c>--warm-path</c>). The ranges end now, so the API keys them to the 5 s step of now and keeps trade lists and hourly
    /// metrics 10 s, summaries 1 min, daily metrics 5 min (the strategy's TTLs): an entry warmed here serves the requests of the
    /// next few seconds only, and what lasts is the database's buffer pool holding their rows.
    /// </remarks>
    public static IReadOnlyList<string> DefaultPaths(IEnumerable<int> profileIds)
    {
        ArgumentNullException.ThrowIfNull(profileIds);
        return
        [
            .. profileIds.SelectMany(id => new[]
            {
                string.Create(CultureInfo.InvariantCulture, $"/api/trades/{id}/summary"),
                string.Create(CultureInfo.InvariantCulture, $"/api/trades/{id}"),
                string.Create(CultureInfo.InvariantCulture, $"/api/metrics/{id}?window_type=daily"),
                string.Create(CultureInfo.InvariantCulture, $"/api/metrics/{id}?window_type=hourly"),
            }),
        ];
    }

    /// <summary>Requests each path under <paramref name="baseUri"/> in turn; failures (no answer, or not 2xx) are reported, not thrown.</summary>
    public async Task<IReadOnlyList<WarmResult>> WarmAsync(Uri baseUri, IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        ArgumentNullException.ThrowIfNull(paths);
        var results = new List<WarmResult>();
        foreach (var path in paths)
        {
            var url = new Uri(baseUri, path);
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                var elapsed = Stopwatch.GetElapsedTime(started);
                JobsLog.Warmed(logger, url, (int)response.StatusCode, elapsed.TotalMilliseconds);
                results.Add(new WarmResult(url, (int)response.StatusCode, elapsed, response.IsSuccessStatusCode ? null : response.ReasonPhrase));
            }
            catch (HttpRequestException ex)
            {
                results.Add(new WarmResult(url, 0, Stopwatch.GetElapsedTime(started), ex.Message));
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                // HttpClient.Timeout elapsed: this path failed; the job was not cancelled, so the other paths still get warmed.
                results.Add(new WarmResult(url, 0, Stopwatch.GetElapsedTime(started), ex.Message));
            }
        }

        return results;
    }
}
