using Telemetry.CommandLine;

namespace Perf.Load.Scenarios;

/// <summary>The built-in scenarios behind <c>--scenario</c>, each written on the public <see cref="Scenario"/> API as a scenario of requests.</summary>
internal static class ScenarioCatalog
{
    /// <summary>The mixed dashboard scenario's name.</summary>
    public const string Dashboard = "dashboard";

    /// <summary>How a scenario of one fixed path begins: <c>get:/PATH</c>.</summary>
    public const string GetPrefix = "get:";

    /// <summary>Names accepted by <see cref="Create"/>, besides <c>get:/PATH</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = [Dashboard, "trades", "trades-walk", "summary", "metrics", "health", "healthz"];

    /// <summary>The scenario with this name, its requests drawn with <paramref name="options"/>; <c>get:/PATH</c> requests one fixed path.</summary>
    /// <exception cref="UsageException">An unknown name or a path that does not start with '/'.</exception>
    public static Scenario Create(string name, TrafficOptions options)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(options);
        if (name.StartsWith(GetPrefix, StringComparison.Ordinal))
        {
            var path = name[GetPrefix.Length..];
            if (!path.StartsWith('/'))
            {
                throw new UsageException($"Scenario '{name}': the path after 'get:' must start with '/'.");
            }

            var get = new HttpGet(Endpoints.Get, path);
            return Scenario.CreateRequests(Endpoints.Get, [Endpoints.Get], _ => get);
        }

        return name switch
        {
            Dashboard => CreateDashboard(options),
            "trades" => Scenario.CreateRequests(name, [Endpoints.Trades], r => DashboardRequests.Trades(options, r)),
            "trades-walk" => Scenario.CreateRequests(name, [Endpoints.Trades], new PaginationWalks(options).Next),
            "summary" => Scenario.CreateRequests(name, [Endpoints.Summary], r => DashboardRequests.Summary(options, r)),
            "metrics" => Scenario.CreateRequests(name, [Endpoints.Metrics], r => DashboardRequests.Metrics(options, r)),
            "health" => Scenario.CreateRequests(name, [Endpoints.Health], r => DashboardRequests.Health(options, r)),
            "healthz" => Scenario.CreateRequests(name, [Endpoints.Healthz], _ => new HttpGet(Endpoints.Healthz, "/healthz")),
            _ => throw new UsageException(
                $"Unknown scenario '{name}'. Known: {string.Join(", ", Names)}, or get:/PATH."),
        };
    }

    /// <summary>Mixed dashboard traffic on all four endpoints, including pagination walks over trades.</summary>
    /// <remarks>Shares: trades 35 % (a third of them following a walk's cursor), metrics 30 %, summary 25 %, health 10 %.</remarks>
    private static Scenario CreateDashboard(TrafficOptions options)
    {
        var walks = new PaginationWalks(options);
        return Scenario.CreateRequests(Dashboard, [Endpoints.Trades, Endpoints.Summary, Endpoints.Metrics, Endpoints.Health], random => random.NextDouble() switch
        {
            < 0.23 => DashboardRequests.Trades(options, random),
            < 0.35 => walks.Next(random),
            < 0.65 => DashboardRequests.Metrics(options, random),
            < 0.90 => DashboardRequests.Summary(options, random),
            _ => DashboardRequests.Health(options, random),
        });
    }
}
