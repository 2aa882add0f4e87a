using Telemetry.Data.Model;
using Telemetry.Data.Queries;

namespace Telemetry.Api.Http;

/// <summary>How the API turns an endpoint's route value and query string into the query layer's request: the endpoints use it, and so does a caller that runs the same requests on the query layer alone (the load runner's database-only arm).</summary>
/// <remarks>
/// Every method validates as the endpoint does and throws <see cref="QueryValidationException"/> naming the parameter. It parses
/// every parameter before it reads the retention cutoffs (<see cref="KeptFromReader"/>, which may need the database): bad input
/// is a 400 whether the database is up, down or hung.
/// </remarks>
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
    /// <param name="kept">Where the live tables hold their rows from: the answer may not reach before it. Read once the parameters are parsed.</param>
    /// <param name="cancellationToken">The request's token, for the wait on the cutoffs.</param>
    public static async Task<TradeListQuery> TradeListAsync(string profileId, IQueryCollection query, DateTime nowUtc, KeptFromReader kept, CancellationToken cancellationToken)
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
        QueryRules.EnsureTradesKept(list.Range, await kept.ReadAsync(cancellationToken).ConfigureAwait(false), parameters[ParameterNames.StartTime] is not null || cursor is not null);
        return list;
    }

    /// <summary><c>GET /api/trades/{profile_id}/summary</c>: the profile and the range to summarize.</summary>
    /// <param name="profileId">The route's <c>profile_id</c>.</param>
    /// <param name="query">The query string.</param>
    /// <param name="nowUtc">The instant a missing <c>end_time</c> defaults to.</param>
    /// <param name="kept">Where the live tables hold their rows from: the answer may not reach before it. Read once the parameters are parsed.</param>
    /// <param name="cancellationToken">The request's token, for the wait on the cutoffs.</param>
    public static async Task<(int ProfileId, DateRange Range)> TradeSummaryAsync(string profileId, IQueryCollection query, DateTime nowUtc, KeptFromReader kept, CancellationToken cancellationToken)
    {
        var parameters = RequestParameters.From(query, TradeSummaryParameters);
        var id = QueryRules.ParseProfileId(profileId);
        var range = parameters.Range(QueryLimits.DefaultAggregateRange, nowUtc);
        QueryRules.EnsureTradesKept(range, await kept.ReadAsync(cancellationToken).ConfigureAwait(false), parameters[ParameterNames.StartTime] is not null);
        return (id, range);
    }

    /// <summary><c>GET /api/metrics/{profile_id}</c>: a page of windowed aggregates.</summary>
    /// <param name="profileId">The route's <c>profile_id</c>.</param>
    /// <param name="query">The query string.</param>
    /// <param name="nowUtc">The instant a missing <c>end_time</c> defaults to.</param>
    /// <param name="kept">Where the live tables hold their rows from: the answer may not reach before it. Read once the parameters are parsed.</param>
    /// <param name="cancellationToken">The request's token, for the wait on the cutoffs.</param>
    public static async Task<MetricQuery> MetricsAsync(string profileId, IQueryCollection query, DateTime nowUtc, KeptFromReader kept, CancellationToken cancellationToken)
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
        QueryRules.EnsureMetricsKept(metrics.Range, metrics.WindowType, await kept.ReadAsync(cancellationToken).ConfigureAwait(false), parameters[ParameterNames.StartTime] is not null);
        return metrics;
    }

    /// <summary><c>GET /api/health/{profile_id}</c>: a page of one script's health samples.</summary>
    /// <param name="profileId">The route's <c>profile_id</c>.</param>
    /// <param name="query">The query string.</param>
    /// <param name="nowUtc">The instant a missing <c>end_time</c> defaults to.</param>
    /// <param name="kept">Where the live tables hold their rows from: the answer may not reach before it. Read once the parameters are parsed.</param>
    /// <param name="cancellationToken">The request's token, for the wait on the cutoffs.</param>
    public static async Task<HealthQuery> HealthAsync(string profileId, IQueryCollection query, DateTime nowUtc, KeptFromReader kept, CancellationToken cancellationToken)
    {
        var parameters = RequestParameters.From(query, HealthParameters);
        var health = new HealthQuery(
            QueryRules.ParseProfileId(profileId),
            QueryRules.ParseRequiredName(parameters[ParameterNames.Script], ParameterNames.Script, QueryLimits.MaxScriptNameLength),
            parameters.Range(QueryLimits.DefaultHealthRange, nowUtc),
            QueryRules.ParseLimit(parameters[ParameterNames.Limit]),
            QueryRules.ParseOffset(parameters[ParameterNames.Offset], QueryRules.DeeperByRange));
        QueryRules.EnsureHealthKept(health.Range, await kept.ReadAsync(cancellationToken).ConfigureAwait(false), parameters[ParameterNames.StartTime] is not null);
        return health;
    }
}
