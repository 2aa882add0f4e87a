namespace Perf.Bench.Queries;

/// <summary>How a deep page of trades is reached.</summary>
public enum PageKind
{
    /// <summary><c>LIMIT n OFFSET d</c>: the server reads and discards the first d rows.</summary>
    Offset,

    /// <summary>The cursor of the row before the page: the server seeks straight to it.</summary>
    Keyset,
}
