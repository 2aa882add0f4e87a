using Dapper;
using Telemetry.Data.Queries;

namespace Perf.Bench.Queries;

/// <summary>A page of one script's health samples (<see cref="HealthQueries.GetHealthAsync"/>).</summary>
public sealed record HealthCase(string Name, HealthQuery Query) : QueryCase(Name)
{
    /// <inheritdoc />
    public override CommandDefinition Command => HealthQueries.BuildCommand(Query);

    /// <inheritdoc />
    public override string Parameters => Query.ToString();

    /// <inheritdoc />
    public override async Task<int> RunAsync(QueryLayer queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        return (await queries.Health.GetHealthAsync(Query, cancellationToken).ConfigureAwait(false)).Count;
    }
}
