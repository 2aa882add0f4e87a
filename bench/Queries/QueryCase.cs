using Dapper;
using Telemetry.Data.Queries;

namespace Perf.Bench.Queries;

/// <summary>One benchmarked question: its stable name, the exact command the query layer sends, and how to run it through the query layer.</summary>
/// <param name="Name">A stable name like <c>trades_page/hot/7d</c>, the key of plans and the gate baseline.</param>
public abstract record QueryCase(string Name)
{
    /// <summary>The SQL and parameters the query layer runs for this case.</summary>
    public abstract CommandDefinition Command { get; }

    /// <summary>Whether the API runs this query, so the latency targets apply to it (the full scan is a contrast no endpoint serves).</summary>
    public virtual bool ServedByApi => true;

    /// <summary>The request's parameters, readable (for plan reports).</summary>
    public abstract string Parameters { get; }

    /// <summary>Runs the case through the query layer and returns the rows (or buckets, or groups) it produced.</summary>
    public abstract Task<int> RunAsync(QueryLayer queries, CancellationToken cancellationToken);
}
