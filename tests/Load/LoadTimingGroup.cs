namespace Perf.Tests.Load;

/// <summary>Tests that run real load are timing-sensitive: they run one at a time, never beside each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadTimingGroup
{
    public const string Name = "load timing";
}
