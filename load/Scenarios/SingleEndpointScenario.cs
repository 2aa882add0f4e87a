namespace Perf.Load.Scenarios;

/// <summary>Traffic on one endpoint only, for isolating it; requests come from a factory.</summary>
internal sealed class SingleEndpointScenario : ILoadScenario
{
    private readonly Func<Random, LoadRequest> _next;

    public SingleEndpointScenario(string name, string endpoint, Func<Random, LoadRequest> next)
    {
        Name = name;
        Endpoints = [endpoint];
        _next = next;
    }

    public string Name { get; }

    public IReadOnlyList<string> Endpoints { get; }

    public LoadRequest Next(Random random) => _next(random);
}
