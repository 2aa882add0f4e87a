namespace Perf.Load.Thresholds;

/// <summary>Which requests a threshold looks at.</summary>
internal enum SelectorKind
{
    /// <summary>All requests of the run.</summary>
    All,

    /// <summary>An endpoint or, failing that, a scenario with the given name.</summary>
    Name,

    /// <summary>One endpoint.</summary>
    Endpoint,

    /// <summary>One scenario.</summary>
    Scenario,
}
