namespace Perf.Load.Scenarios;

/// <summary>One request a scenario wants sent.</summary>
/// <param name="Scenario">Scenario name, for per-scenario stats.</param>
/// <param name="Endpoint">Endpoint name (<c>trades</c>, <c>summary</c>, ...), for per-endpoint stats and thresholds.</param>
/// <param name="PathAndQuery">Relative URL, e.g. <c>/api/trades/7?start_time=...</c>.</param>
/// <param name="Observer">Optional: receives the response body (buffered only when set).</param>
internal sealed record LoadRequest(string Scenario, string Endpoint, string PathAndQuery, IResponseObserver? Observer = null);
