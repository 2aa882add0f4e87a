namespace Perf.Load.Scenarios;

/// <summary>Several scenarios sharing one arrival stream by weight.</summary>
internal sealed class ScenarioMix
{
    private readonly (ILoadScenario Scenario, double CumulativeWeight)[] _entries;
    private readonly double _totalWeight;

    public ScenarioMix(IReadOnlyList<(ILoadScenario Scenario, double Weight)> scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        if (scenarios.Count == 0)
        {
            throw new ArgumentException("At least one scenario is needed.", nameof(scenarios));
        }

        var cumulative = 0.0;
        _entries = new (ILoadScenario, double)[scenarios.Count];
        for (var i = 0; i < scenarios.Count; i++)
        {
            cumulative += scenarios[i].Weight;
            _entries[i] = (scenarios[i].Scenario, cumulative);
        }

        _totalWeight = cumulative;
        Scenarios = [.. scenarios.Select(s => s.Scenario)];
    }

    /// <summary>The scenarios in the mix.</summary>
    public IReadOnlyList<ILoadScenario> Scenarios { get; }

    /// <summary>Every endpoint any scenario may hit.</summary>
    public IReadOnlyList<string> Endpoints => [.. Scenarios.SelectMany(s => s.Endpoints).Distinct(StringComparer.Ordinal)];

    /// <summary>True when any scenario's requests are code (<see cref="ILoadScenario.RunsCode"/>).</summary>
    public bool RunsCode => Scenarios.Any(s => s.RunsCode);

    /// <summary>A description such as <c>dashboard:3, trades-walk:1</c>.</summary>
    public string Describe() => string.Join(", ", _entries.Select((e, i) =>
        FormattableString.Invariant($"{e.Scenario.Name}:{e.CumulativeWeight - (i == 0 ? 0 : _entries[i - 1].CumulativeWeight):0.##}")));

    /// <summary>The same mix, by the same weights, of <paramref name="map"/> applied to each scenario.</summary>
    public ScenarioMix Map(Func<ILoadScenario, ILoadScenario> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return new([.. _entries.Select((e, i) => (map(e.Scenario), e.CumulativeWeight - (i == 0 ? 0 : _entries[i - 1].CumulativeWeight)))]);
    }

    /// <summary>The next request from a scenario picked by weight.</summary>
    public LoadRequest Next(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (_entries.Length == 1)
        {
            return _entries[0].Scenario.Next(random);
        }

        var roll = random.NextDouble() * _totalWeight;
        foreach (var (scenario, cumulative) in _entries)
        {
            if (roll < cumulative)
            {
                return scenario.Next(random);
            }
        }

        return _entries[^1].Scenario.Next(random);
    }
}
