namespace Perf.Load.Scenarios;

/// <summary>A named traffic pattern that produces the next request to send.</summary>
internal interface ILoadScenario
{
    /// <summary>Scenario name used in stats, thresholds and reports.</summary>
    string Name { get; }

    /// <summary>The endpoints this scenario may hit.</summary>
    IReadOnlyList<string> Endpoints { get; }

    /// <summary>True when its requests are code (an <see cref="IRequestInvocation"/>) rather than GETs, which only the awaited engine runs.</summary>
    bool RunsCode => false;

    /// <summary>The next request; <paramref name="random"/> belongs to the calling dispatcher or worker.</summary>
    LoadRequest Next(Random random);
}
