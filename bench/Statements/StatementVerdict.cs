namespace Perf.Bench.Statements;

/// <summary>What the comparison says the query layer should send.</summary>
public enum StatementVerdict
{
    /// <summary>Prepared statements are faster on some queries and slower on none: adopt them.</summary>
    AdoptPrepared,

    /// <summary>Prepared statements are slower on some queries and faster on none: keep the text protocol.</summary>
    KeepText,

    /// <summary>No query differs measurably: keep the text protocol, which holds no statement handles on the server.</summary>
    NoDifference,

    /// <summary>Faster on some queries, slower on others: the table decides, per query.</summary>
    Mixed,
}
