namespace Perf.Bench.Plans;

/// <summary>Whose work a page count holds.</summary>
public enum PageScope
{
    /// <summary>The whole server's while the statement ran (an <c>Innodb_*</c> status delta): other sessions' and background work included.</summary>
    Server,

    /// <summary>The statement's own (MariaDB's per-statement <c>r_engine_stats</c>).</summary>
    Statement,
}
