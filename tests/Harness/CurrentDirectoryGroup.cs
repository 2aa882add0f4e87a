namespace Perf.Tests.Harness;

/// <summary>Tests that change the process's current directory run one at a time, never beside tests that read it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CurrentDirectoryGroup
{
    public const string Name = "current directory";
}
