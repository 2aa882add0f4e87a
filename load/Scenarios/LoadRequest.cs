namespace Perf.Load.Scenarios;

/// <summary>One request a scenario wants sent.</summary>
/// <param name="Scenario">Scenario name, for per-scenario stats.</param>
/// <param name="Endpoint">Endpoint name (<c>trades</c>, <c>summary</c>, ...), for per-endpoint stats and thresholds.</param>
/// <param name="PathAndQuery">Relative URL, e.g. <c>/api/trades/7?start_time=...</c>.</param>
/// <param name="ReadBody">Optional: receives the response body (buffered only when set).</param>
/// <param name="Invocation">Optional: code to run instead of a GET of <paramref name="PathAndQuery"/> (a scenario written in C#).</param>
internal sealed record LoadRequest(string Scenario, string Endpoint, string PathAndQuery, ResponseBodyReader? ReadBody = null, IRequestInvocation? Invocation = null);
