using System.Globalization;
using Dapper;
using Telemetry.Data.Queries;

namespace Perf.Bench.Queries;

/// <summary>A profile's trade outcomes over a range (<see cref="TradeQueries.GetSummaryAsync"/>): raw groups, or daily aggregates past 90 days.</summary>
public sealed record TradeSummaryCase(string Name, int ProfileId, DateRange Range) : QueryCase(Name)
{
    /// <inheritdoc />
    public override CommandDefinition Command => Range.Span > QueryLimits.RawTradesMaxRange
        ? TradeQueries.BuildDailySummaryCommand(ProfileId, Range)
        : TradeQueries.BuildSummaryCommand(ProfileId, Range);

    /// <inheritdoc />
    public override string Parameters => string.Create(CultureInfo.InvariantCulture, $"ProfileId = {ProfileId}, Range = {Range}");

    /// <inheritdoc />
    public override async Task<int> RunAsync(QueryLayer queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var summary = await queries.Trades.GetSummaryAsync(ProfileId, Range, cancellationToken).ConfigureAwait(false);
        return summary.BySymbol.Count + summary.ByTradeType.Count + summary.ByExitReason.Count;
    }
}
