namespace Perf.Load.Scenarios;

/// <summary>Mixed dashboard traffic on all four endpoints, including pagination walks over trades.</summary>
/// <remarks>Shares: trades 35 % (a third of them following a walk's cursor), metrics 30 %, summary 25 %, health 10 %.</remarks>
internal sealed class DashboardScenario : ILoadScenario
{
    public const string ScenarioName = "dashboard";
    private readonly TrafficOptions _options;
    private readonly PaginationWalks _walks;

    public DashboardScenario(TrafficOptions options)
    {
        _options = options;
        _walks = new PaginationWalks(ScenarioName, options);
    }

    public string Name => ScenarioName;

    public IReadOnlyList<string> Endpoints { get; } =
        [Scenarios.Endpoints.Trades, Scenarios.Endpoints.Summary, Scenarios.Endpoints.Metrics, Scenarios.Endpoints.Health];

    public LoadRequest Next(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var roll = random.NextDouble();
        return roll switch
        {
            < 0.23 => DashboardRequests.Trades(Name, _options, random),
            < 0.35 => _walks.Next(random),
            < 0.65 => DashboardRequests.Metrics(Name, _options, random),
            < 0.90 => DashboardRequests.Summary(Name, _options, random),
            _ => DashboardRequests.Health(Name, _options, random),
        };
    }
}
