namespace Perf.Bench;

/// <summary>How thoroughly the suite measures.</summary>
public enum BenchPreset
{
    /// <summary>BenchmarkDotNet's default job in separate processes: the numbers to publish.</summary>
    Full,

    /// <summary>In-process, one warm-up and three short iterations: the whole suite at small scale in a few minutes, for CI.</summary>
    Ci,
}
