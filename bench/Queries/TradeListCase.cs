using Dapper;
using Telemetry.Data.Queries;

namespace Perf.Bench.Queries;

/// <summary>A page of a profile's trades (<see cref="TradeQueries.GetTradesAsync"/>): raw rows, or daily buckets past 90 days.</summary>
public sealed record TradeListCase(string Name, TradeListQuery Query) : QueryCase(Name)
{
    /// <inheritdoc />
    public override CommandDefinition Command => Query.UsesDailyAggregates
        ? TradeQueries.BuildDailyBucketsCommand(Query)
        : TradeQueries.BuildRawTradesCommand(Query);

    /// <inheritdoc />
    public override string Parameters => Query.ToString();

    /// <inheritdoc />
    public override async Task<int> RunAsync(QueryLayer queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var list = await queries.Trades.GetTradesAsync(Query, cancellationToken).ConfigureAwait(false);
        return list.Trades.Count + list.Buckets.Count;
    }
}
