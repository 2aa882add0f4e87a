namespace Perf.Load.Scenarios;

/// <summary>A <see cref="Scenario"/> of requests (<see cref="Scenario.CreateRequests"/>), as the engine runs it: each arrival is one GET it sends itself.</summary>
internal sealed class RequestScenario : ILoadScenario
{
    private readonly Func<Random, HttpGet> _next;
    private readonly HashSet<string> _endpoints;

    public RequestScenario(string name, IReadOnlyList<string> endpoints, Func<Random, HttpGet> next)
    {
        Name = name;
        Endpoints = endpoints;
        _endpoints = [.. endpoints];
        _next = next;
    }

    public string Name { get; }

    public IReadOnlyList<string> Endpoints { get; }

    /// <exception cref="InvalidOperationException">The scenario produced a request for an endpoint it did not declare.</exception>
    public LoadRequest Next(Random random)
    {
        var get = _next(random);
        return _endpoints.Contains(get.Endpoint)
            ? new LoadRequest(Name, get.Endpoint, get.PathAndQuery, get.ReadBody)
            : throw new InvalidOperationException($"Scenario '{Name}' sent a request for endpoint '{get.Endpoint}', which is not among its endpoints ({string.Join(", ", Endpoints)}).");
    }
}
