using System.Globalization;
using System.Text;
using Telemetry.Data.Queries;

namespace Telemetry.Api.Caching;

/// <summary>The cache key of each endpoint's answer: one key per distinct query, whatever its strings hold.</summary>
/// <remarks>
/// Free-text values (metric names such as <c>symbol:AAPL</c>) may contain the separator, so each string is written with
/// its length in front: <c>trade_pnl</c> + <c>symbol:AAPL</c> and <c>trade_pnl:symbol</c> + <c>AAPL</c> must not share an
/// entry, or one client's answer is served to the other for the entry's lifetime (and, with Redis, to every instance).
/// </remarks>
internal static class CacheKeys
{
    public static string Trades(TradeListQuery query) => Join(
        "trades", query.ProfileId, query.Range.Start.Ticks, query.Range.End.Ticks,
        query.Filter.Symbol, query.Filter.TradeType, query.Filter.ExitReason, query.Limit, query.Offset, query.Cursor?.Encode());

    public static string Summary(int profileId, DateRange range) => Join("summary", profileId, range.Start.Ticks, range.End.Ticks);

    public static string Metrics(MetricQuery query) => Join(
        "metrics", query.ProfileId, query.WindowType, query.MetricType, query.MetricName,
        query.Range.Start.Ticks, query.Range.End.Ticks, query.Limit, query.Offset);

    public static string Health(HealthQuery query) => Join(
        "health", query.ProfileId, query.ScriptName, query.Range.Start.Ticks, query.Range.End.Ticks, query.Limit, query.Offset);

    /// <summary>The prefix of every key this API writes to Redis: its database and the data's identity, when one is given.</summary>
    /// <remarks>
    /// The answers are only valid for the data they were read from, and Redis is shared by every instance configured with it:
    /// without the database in the key, an API on another database (another variant, another prefix) would be served this one's
    /// answers for the entries' lifetime.
    /// </remarks>
    public static string RedisInstance(string database, string? dataIdentity) => Join("telemetry", database, dataIdentity) + ":";

    private static string Join(string endpoint, params ReadOnlySpan<object?> parts)
    {
        var key = new StringBuilder(endpoint);
        foreach (var part in parts)
        {
            key.Append(':');
            _ = part switch
            {
                null => key.Append('-'),
                string text => key.Append(CultureInfo.InvariantCulture, $"{text.Length}#{text}"),
                IFormattable number => key.Append(number.ToString(null, CultureInfo.InvariantCulture)),
                _ => throw new ArgumentException($"No key form for {part.GetType().Name}.", nameof(parts)),
            };
        }

        return key.ToString();
    }
}
