using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Perf.Load.Execution;
using Perf.Load.Measurement;
using Perf.Load.Scenarios;
using Telemetry.Api.Http;
using Telemetry.Data.Queries;

namespace Perf.Load.Overhead;

/// <summary>A built-in scenario's requests run on the query layer alone: the same URLs, turned into the same query objects by the API's own <see cref="ApiRequests"/>, with no HTTP, cache or JSON in between.</summary>
/// <remarks>
/// The load runner times each one from its intended start as it times an HTTP request, so the database-only arm and the
/// API arms measure the same thing: what a caller waits for, at the same rates and the same mix.
/// </remarks>
internal sealed class QueryLayerScenario(ILoadScenario inner, QueryLayer queries, TimeSpan requestTimeout) : ILoadScenario
{
    public string Name => inner.Name;

    public IReadOnlyList<string> Endpoints => inner.Endpoints;

    public bool RunsCode => true;

    /// <summary>The inner scenario's next request, run on the query layer; a walk's cursor is fed by the invocation, not by the engine.</summary>
    public LoadRequest Next(Random random)
    {
        var request = inner.Next(random);
        return request.Invocation is null
            ? request with { Invocation = new Invocation(request, queries, requestTimeout), ReadBody = null }
            : request;
    }

    /// <summary>What one request returns, as the HTTP response would describe it: the status, and the trades page's cursor for a walk.</summary>
    internal static async Task<(int Status, string? NextCursor)> RunAsync(string pathAndQuery, QueryLayer queries, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var split = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = split < 0 ? pathAndQuery : pathAndQuery[..split];
        var query = new QueryCollection(QueryHelpers.ParseQuery(split < 0 ? string.Empty : pathAndQuery[split..]));
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        try
        {
            switch (segments)
            {
                case ["api", "trades", var profile]:
                    var page = await queries.Trades.GetTradesAsync(await ApiRequests.TradeListAsync(profile, query, nowUtc, queries.Kept, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                    return (200, page.NextCursor);
                case ["api", "trades", var profile, "summary"]:
                    var (id, range) = await ApiRequests.TradeSummaryAsync(profile, query, nowUtc, queries.Kept, cancellationToken).ConfigureAwait(false);
                    await queries.Trades.GetSummaryAsync(id, range, cancellationToken).ConfigureAwait(false);
                    return (200, null);
                case ["api", "metrics", var profile]:
                    await queries.Metrics.GetMetricsAsync(await ApiRequests.MetricsAsync(profile, query, nowUtc, queries.Kept, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                    return (200, null);
                case ["api", "health", var profile]:
                    await queries.Health.GetHealthAsync(await ApiRequests.HealthAsync(profile, query, nowUtc, queries.Kept, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                    return (200, null);
                default:
                    return (404, null);
            }
        }
        catch (QueryValidationException)
        {
            return (400, null);
        }
    }

    private sealed class Invocation(LoadRequest request, QueryLayer queries, TimeSpan requestTimeout) : IRequestInvocation
    {
        public async Task<(RequestOutcome Outcome, int Status, long Bytes)> InvokeAsync(RunRecorder recorder, long intendedTicks, bool measured, CancellationToken abort)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(abort);
            timeout.CancelAfter(requestTimeout);
            try
            {
                var (status, cursor) = await RunAsync(request.PathAndQuery, queries, DateTime.UtcNow, timeout.Token).ConfigureAwait(false);

                // A pagination walk reads its next cursor from the body; here the body is only that field.
                request.ReadBody?.Invoke(status, status == 200 && cursor is not null ? JsonSerializer.SerializeToUtf8Bytes(new { next_cursor = cursor }) : []);
                return (RequestExecutor.OutcomeOf(status), status, 0);
            }
            catch (OperationCanceledException)
            {
                return (RequestOutcome.Timeout, 0, 0);
            }
            catch (Exception ex) when (ex is MySqlConnector.MySqlException or InvalidOperationException)
            {
                return (RequestOutcome.NetworkError, 0, 0);
            }
        }
    }
}
