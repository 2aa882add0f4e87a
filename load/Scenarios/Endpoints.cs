namespace Perf.Load.Scenarios;

/// <summary>Names of the API endpoints the scenarios hit; thresholds and stats use these names.</summary>
internal static class Endpoints
{
    public const string Trades = "trades";
    public const string Summary = "summary";
    public const string Metrics = "metrics";
    public const string Health = "health";
    public const string Healthz = "healthz";
    public const string Get = "get";

    /// <summary>Every endpoint name a scenario can produce.</summary>
    public static IReadOnlyList<string> All { get; } = [Trades, Summary, Metrics, Health, Healthz, Get];
}
