using Dapper;
using Telemetry.Data.Queries;

namespace Perf.Bench.Queries;

/// <summary>A page of a profile's windowed metrics (<see cref="MetricQueries.GetMetricsAsync"/>).</summary>
public sealed record MetricCase(string Name, MetricQuery Query) : QueryCase(Name)
{
    /// <inheritdoc />
    public override CommandDefinition Command => MetricQueries.BuildCommand(Query);

    /// <inheritdoc />
    public override string Parameters => Query.ToString();

    /// <inheritdoc />
    public override async Task<int> RunAsync(QueryLayer queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        return (await queries.Metrics.GetMetricsAsync(Query, cancellationToken).ConfigureAwait(false)).Count;
    }
}
