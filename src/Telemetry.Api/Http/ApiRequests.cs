using Telemetry.Data.Model;
using Telemetry.Data.Queries;

namespace Telemetry.Api.Http;

/// <summary>How the API turns an endpoint's route value and query string into the query layer's request: the endpoints use it, and so does a caller that runs the same requests on the query layer alone (the load runner's database-only arm).</summary>
/// <remarks>Every method validates as the endpoint does and throws <see cref="QueryValidationException"/> naming the parameter.</remarks>
public static class ApiRequests
{
    internal static readonly QueryParameter[] TradeListParameters =
    [
        ApiParameters.StartTime(QueryLimits.DefaultTradeRange), ApiParameters.EndTime, ApiParameters.Limit, ApiParameters.Offset(QueryRules.DeeperByCursor), ApiParameters.Cursor,
        ApiParameters.Symbol, ApiParameters.TradeType, ApiParameters.ExitReason,
    ];

    internal static readonly QueryParameter[] TradeSummaryParameters = [ApiParameters.StartTime(QueryLimits.DefaultAggregateRange), ApiParameters.EndTime];

    internal static readonly QueryParameter[] MetricParameters =
    [
        ApiParameters.WindowType, ApiParameters.MetricType, ApiParameters.MetricName,
        ApiParameters.StartTime(QueryLimits.DefaultAggregateRange), ApiParameters.EndTime, ApiParameters.Limit, ApiParameters.Offset(QueryRules.DeeperByRange),
    ];

    internal static readonly QueryParameter[] HealthParameters =
    [
        ApiParameters.Script, ApiParameters.StartTime(QueryLimits.DefaultHealthRange), ApiParameters.EndTime, ApiParameters.Limit, ApiParameters.Offset(QueryRules.DeeperByRange),
    ];

    /// <summary><c>GET /api/trades/{profile_id}</c>: a page of trades (or daily buckets).</summary>
    /// <param name="profileId">The route's <c>profile_id</c>.</param>
    /// <param name="query">The query string.</param>
    /// <param name="nowUtc">The instant a missing <c>end_time</c> defaults to.</param>
    /// <param name="kept">Where the live tables hold their rows from (<see cref="KeptFromReader"/>): the answer may not reach before it.</param>
    public static TradeListQuery TradeList(string profileId, IQueryCollection query, DateTime nowUtc, KeptFrom kept)
    {
        var parameters = RequestParameters.From(query, TradeListParameters);
        var cursor = parameters[ParameterNames.Cursor] is { } token ? TradeCursor.Decode(token) : null;
        var list = TradeListQuery.Create(
            QueryRules.ParseProfileId(profileId),
            parameters.Range(QueryLimits.DefaultTradeRange, nowUtc, cursor?.Range),
            new TradeFilter(
                QueryRules.ParseSymbol(parameters[ParameterNames.Symbol]),
                QueryRules.ParseOneOf(parameters[ParameterNames.TradeType], ParameterNames.TradeType, TradeVocabulary.TradeTypes),
                QueryRules.ParseOneOf(parameters[ParameterNames.ExitReason], ParameterNames.ExitReason, TradeVocabulary.ExitReasons)),
            QueryRules.ParseLimit(parameters[ParameterNames.Limit]),
            QueryRules.ParseOffset(parameters[ParameterNames.Offset], QueryRules.DeeperByCursor),
            cursor);
        QueryRules.EnsureTradesKept(list.Range, kept, parameters[ParameterNames.StartTime] is not null || cursor is not null);
        return list;
    }

    /// <summary><c>GET /api/trades/{profile_id}/summary</c>: the profile and the range to summarize.</summary>
    /// <param name="profileId">The route's <c>profile_id</c>.</param>
    /// <param name="query">The query string.</param>
    /// <param name="nowUtc">The instant a missing <c>end_time</c> defaults to.</param>
    /// <param name="kept">Where the live tables hold their rows from (<see cref="KeptFromReader"/>): the answer may not reach before it.</param>
    public static (int ProfileId, DateRange Range) TradeSummary(string profileId, IQueryCollection query, DateTime nowUtc, KeptFrom kept)
    {
        var parameters = RequestParameters.From(query, TradeSummaryParameters);
        var id = QueryRules.ParseProfileId(profileId);
        var range = parameters.Range(QueryLimits.DefaultAggregateRange, nowUtc);
        QueryRules.EnsureTradesKept(range, kept, parameters[ParameterNames.StartTime] is not null);
        return (id, range);
    }

    /// <summary><c>GET /api/metrics/{profile_id}</c>: a page of windowed aggregates.</summary>
    /// <param name="profileId">The route's <c>profile_id</c>.</param>
    /// <param name="query">The query string.</param>
    /// <param name="nowUtc">The instant a missing <c>end_time</c> defaults to.</param>
    /// <param name="kept">Where the live tables hold their rows from (<see cref="KeptFromReader"/>): the answer may not reach before it.</param>
    public static MetricQuery Metrics(string profileId, IQueryCollection query, DateTime nowUtc, KeptFrom kept)
    {
        var parameters = RequestParameters.From(query, MetricParameters);
        var metrics = new MetricQuery(
            QueryRules.ParseProfileId(profileId),
            QueryRules.ParseWindowType(parameters[ParameterNames.WindowType], WindowType.Daily),
            QueryRules.ParseName(parameters[ParameterNames.MetricType], ParameterNames.MetricType, QueryLimits.MaxMetricTypeLength),
            QueryRules.ParseName(parameters[ParameterNames.MetricName], ParameterNames.MetricName, QueryLimits.MaxMetricNameLength),
            parameters.Range(QueryLimits.DefaultAggregateRange, nowUtc),
            QueryRules.ParseLimit(parameters[ParameterNames.Limit]),
            QueryRules.ParseOffset(parameters[ParameterNames.Offset], QueryRules.DeeperByRange));
        QueryRules.EnsureMetricsKept(metrics.Range, metrics.WindowType, kept, parameters[ParameterNames.StartTime] is not null);
        return metrics;
    }

    /// <summary><c>GET /api/health/{profile_id}</c>: a page of one script's health samples.</summary>
    /// <param name="profileId">The route's <c>profile_id</c>.</param>
    /// <param name="query">The query string.</param>
    /// <param name="nowUtc">The instant a missing <c>end_time</c> defaults to.</param>
    /// <param name="kept">Where the live tables hold their rows from (<see cref="KeptFromReader"/>): the answer may not reach before it.</param>
    public static HealthQuery Health(string profileId, IQueryCollection query, DateTime nowUtc, KeptFrom kept)
    {
        var parameters = RequestParameters.From(query, HealthParameters);
        var health = new HealthQuery(
            QueryRules.ParseProfileId(profileId),
            QueryRules.ParseRequiredName(parameters[ParameterNames.Script], ParameterNames.Script, QueryLimits.MaxScriptNameLength),
            parameters.Range(QueryLimits.DefaultHealthRange, nowUtc),
            QueryRules.ParseLimit(parameters[ParameterNames.Limit]),
            QueryRules.ParseOffset(parameters[ParameterNames.Offset], QueryRules.DeeperByRange));
        QueryRules.EnsureHealthKept(health.Range, kept, parameters[ParameterNames.StartTime] is not null);
        return health;
    }
}
