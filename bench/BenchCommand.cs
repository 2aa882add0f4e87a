namespace Perf.Bench;

/// <summary>What the bench program does.</summary>
public enum BenchCommand
{
    /// <summary>Plans and the BenchmarkDotNet suite.</summary>
    Suite,

    /// <summary>Plans only.</summary>
    Plans,

    /// <summary>Plans on the gate dataset, compared with the committed baseline.</summary>
    Gate,

    /// <summary>Plans, then every API query timed as a prepared statement and as text (<c>bench statements</c>).</summary>
    Statements,
}
