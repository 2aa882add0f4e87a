namespace Perf.Bench.Statements;

/// <summary>What the comparison says of one candidate protocol against the baseline.</summary>
public enum StatementVerdict
{
    /// <summary>Faster on some queries and slower on none: adopt it.</summary>
    Adopt,

    /// <summary>Slower on some queries and faster on none: keep the baseline.</summary>
    KeepBaseline,

    /// <summary>No query differs measurably: keep the baseline, the simpler protocol.</summary>
    NoDifference,

    /// <summary>Faster on some queries, slower on others: the table decides, per query.</summary>
    Mixed,

    /// <summary>Nothing claimed, but some pairs had too few rounds for the test to reach its α or ran past the command timeout; or faster on some and slower on none, but past the command timeout on the candidate's side of some pair, where it may be slower.</summary>
    CannotTell,
}
