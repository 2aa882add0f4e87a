using Telemetry.CommandLine;

namespace Perf.Load.Scenarios;

/// <summary>Turns scenario names from the command line into scenarios.</summary>
internal static class ScenarioCatalog
{
    /// <summary>Names accepted by <see cref="Create"/>, besides <c>get:/PATH</c>.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [DashboardScenario.ScenarioName, "trades", "trades-walk", "summary", "metrics", "health", "healthz"];

    /// <summary>The scenario with this name; <c>get:/PATH</c> requests one fixed path.</summary>
    public static ILoadScenario Create(string name, TrafficOptions options)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.StartsWith("get:", StringComparison.Ordinal))
        {
            var path = name["get:".Length..];
            if (!path.StartsWith('/'))
            {
                throw new UsageException($"Scenario '{name}': the path after 'get:' must start with '/'.");
            }

            var request = new LoadRequest(Endpoints.Get, Endpoints.Get, path);
            return new SingleEndpointScenario(Endpoints.Get, Endpoints.Get, _ => request);
        }

        return name switch
        {
            DashboardScenario.ScenarioName => new DashboardScenario(options),
            "trades" => new SingleEndpointScenario(name, Endpoints.Trades, r => DashboardRequests.Trades(name, options, r)),
            "trades-walk" => Walk(name, options),
            "summary" => new SingleEndpointScenario(name, Endpoints.Summary, r => DashboardRequests.Summary(name, options, r)),
            "metrics" => new SingleEndpointScenario(name, Endpoints.Metrics, r => DashboardRequests.Metrics(name, options, r)),
            "health" => new SingleEndpointScenario(name, Endpoints.Health, r => DashboardRequests.Health(name, options, r)),
            "healthz" => new SingleEndpointScenario(name, Endpoints.Healthz, _ => new LoadRequest(name, Endpoints.Healthz, "/healthz")),
            _ => throw new UsageException(
                $"Unknown scenario '{name}'. Known: {string.Join(", ", Names)}, or get:/PATH."),
        };
    }

    private static SingleEndpointScenario Walk(string name, TrafficOptions options)
    {
        var walks = new PaginationWalks(name, options);
        return new SingleEndpointScenario(name, Endpoints.Trades, walks.Next);
    }
}
