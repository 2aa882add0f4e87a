using Telemetry.Data.Model;

namespace Perf.Load.Scenarios;

/// <summary>Builds the requests a telemetry dashboard makes, one endpoint at a time.</summary>
internal static class DashboardRequests
{
    /// <summary>First page of trades in a window.</summary>
    public static HttpGet Trades(TrafficOptions options, Random random)
    {
        var window = QueryWindow.Pick(options, random);
        var filter = string.Empty;
        if (random.NextDouble() < TrafficOptions.FilteredTradesShare)
        {
            filter = random.Next(2) == 0
                ? "&trade_type=" + TradeVocabulary.TradeTypes[random.Next(TradeVocabulary.TradeTypes.Count)]
                : "&exit_reason=" + TradeVocabulary.ExitReasons[random.Next(TradeVocabulary.ExitReasons.Count)];
        }

        return new HttpGet(Endpoints.Trades, $"/api/trades/{window.ProfileId}?{window.ToQuery()}&limit={options.PageSize}{filter}");
    }

    /// <summary>Trade summary for a window.</summary>
    public static HttpGet Summary(TrafficOptions options, Random random)
    {
        var window = QueryWindow.Pick(options, random);
        return new HttpGet(Endpoints.Summary, $"/api/trades/{window.ProfileId}/summary?{window.ToQuery()}");
    }

    /// <summary>Windowed metrics, with the aggregation level a dashboard picks for the range.</summary>
    public static HttpGet Metrics(TrafficOptions options, Random random)
    {
        var window = QueryWindow.Pick(options, random);
        var windowType = window.Range.TotalDays switch
        {
            <= 7 => "hourly",
            <= 31 => "daily",
            _ => random.Next(2) == 0 ? "weekly" : "monthly",
        };
        return new HttpGet(Endpoints.Metrics, $"/api/metrics/{window.ProfileId}?window_type={windowType}&{window.ToQuery()}");
    }

    /// <summary>System health for a window.</summary>
    public static HttpGet Health(TrafficOptions options, Random random)
    {
        var window = QueryWindow.Pick(options, random);
        var script = options.Scripts[random.Next(options.Scripts.Count)];
        return new HttpGet(Endpoints.Health, $"/api/health/{window.ProfileId}?script={Uri.EscapeDataString(script)}&{window.ToQuery()}");
    }
}
