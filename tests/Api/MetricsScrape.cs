using Telemetry.Jobs.Monitoring;

namespace Perf.Tests.Api;

/// <summary>Reads an API's <c>/metrics</c> with the reader the jobs' monitor uses, so the tests hold the exporter and the reader to the same format.</summary>
internal static class MetricsScrape
{
    /// <summary>Every sample of one scrape.</summary>
    public static async Task<IReadOnlyList<PrometheusSample>> ReadAsync(HttpClient client) =>
        PrometheusText.Parse(await client.GetStringAsync("/metrics", TestContext.Current.CancellationToken));

    /// <summary>Scrapes until <paramref name="done"/> holds (for 5 s at most) and returns the last scrape.</summary>
    /// <remarks>A request is counted when its middleware unwinds, just after the client has its response: the next scrape may come first.</remarks>
    public static async Task<IReadOnlyList<PrometheusSample>> ReadWhenAsync(HttpClient client, Func<IReadOnlyList<PrometheusSample>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        var samples = await ReadAsync(client);
        while (!done(samples) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
            samples = await ReadAsync(client);
        }

        return samples;
    }

    /// <summary>The sum of the samples named <paramref name="name"/> whose labels include <paramref name="labels"/>.</summary>
    public static double Value(IReadOnlyList<PrometheusSample> samples, string name, params (string Name, string Value)[] labels) =>
        samples.Where(s => s.Name == name && labels.All(l => s.Label(l.Name) == l.Value)).Sum(s => s.Value);

    /// <summary>The API's cache lookups on <paramref name="endpoint"/> with <paramref name="result"/> (hit or miss).</summary>
    public static async Task<long> CacheLookupsAsync(HttpClient client, string endpoint, string result) =>
        (long)Value(await ReadAsync(client), ApiMonitor.CacheRequests, ("endpoint", endpoint), ("result", result));
}
