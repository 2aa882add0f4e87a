using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Telemetry.Data.Model;
using Telemetry.Data.Queries;

namespace Telemetry.Api.Http;

/// <summary>The query parameters of the API, named as the design document names them, with the older camelCase names as aliases.</summary>
internal static class ApiParameters
{
    /// <summary>The path's profile id, described as the design document types it.</summary>
    public static OpenApiParameter ProfileId { get; } = new()
    {
        Name = ParameterNames.ProfileId,
        In = ParameterLocation.Path,
        Required = true,
        Description = "The profile whose data is asked for.",
        Example = JsonValue.Create(1),
        Schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Integer,
            Format = "int32",
            Minimum = "1",
            Maximum = int.MaxValue.ToString(CultureInfo.InvariantCulture),
        },
    };

    /// <summary>The range end; absent means now, whether or not a start is given (<c>DateRange.Resolve</c>: a start alone means "since then").</summary>
    public static QueryParameter EndTime { get; } = new()
    {
        Name = ParameterNames.EndTime,
        Alias = "end",
        Description = "End of the date range, inclusive: ISO 8601, UTC when no offset is given. Default: now.",
        Format = "date-time",
        Example = JsonValue.Create("2024-01-31T00:00:00Z"),
    };

    /// <summary>The page size.</summary>
    public static QueryParameter Limit { get; } = new()
    {
        Name = ParameterNames.Limit,
        Description = "Rows per page.",
        Type = JsonSchemaType.Integer,
        Format = "int32",
        Minimum = 1,
        Maximum = QueryLimits.MaxLimit,
        Default = JsonValue.Create(QueryLimits.DefaultLimit),
        Example = JsonValue.Create(100),
    };

    /// <summary>The rows to skip; <paramref name="deeperPages"/> says how the list reaches rows past the maximum (<see cref="QueryRules.DeeperByCursor"/> or <see cref="QueryRules.DeeperByRange"/>).</summary>
    public static QueryParameter Offset(string deeperPages) => new()
    {
        Name = ParameterNames.Offset,
        Description = $"Rows to skip; {deeperPages}.",
        Type = JsonSchemaType.Integer,
        Format = "int32",
        Minimum = 0,
        Maximum = QueryLimits.MaxOffset,
        Default = JsonValue.Create(0),
        Example = JsonValue.Create(100),
    };

    /// <summary>The keyset position of trade lists.</summary>
    public static QueryParameter Cursor { get; } = new()
    {
        Name = ParameterNames.Cursor,
        Description = "The next_cursor of the previous page, passed back unchanged with the same profile and filters; it keeps that page's "
            + "date range, so start_time and end_time may be left out (given, they must be the same). Not with offset, nor on ranges over 90 days.",
        MaxLength = TradeCursor.TokenLength,
        Example = JsonValue.Create(TradeCursor.After(
            TradeListQuery.Create(1, new DateRange(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 1, 31, 0, 0, 0, DateTimeKind.Utc)), TradeFilter.None, 100, 0, null),
            new DateTime(2024, 1, 30, 12, 0, 0, DateTimeKind.Utc),
            1).Encode()),
    };

    /// <summary>The symbol filter of trade lists.</summary>
    public static QueryParameter Symbol { get; } = new()
    {
        Name = ParameterNames.Symbol,
        Description = "Only trades of this symbol (case-insensitive).",
        MaxLength = 16,
        Pattern = QueryRules.SymbolPattern,
        Example = JsonValue.Create("AAPL"),
    };

    /// <summary>The trade type filter of trade lists.</summary>
    public static QueryParameter TradeType { get; } = OneOf(ParameterNames.TradeType, "tradeType", "Only trades of this type.", TradeVocabulary.TradeTypes);

    /// <summary>The exit reason filter of trade lists.</summary>
    public static QueryParameter ExitReason { get; } = OneOf(ParameterNames.ExitReason, "exitReason", "Only trades closed for this reason.", TradeVocabulary.ExitReasons);

    /// <summary>The aggregation window of metrics.</summary>
    public static QueryParameter WindowType { get; } = OneOf(ParameterNames.WindowType, "windowType", "The aggregation window.", Enum.GetValues<Data.Model.WindowType>().Select(w => w.ToName()).ToList()) with
    {
        Default = JsonValue.Create(Data.Model.WindowType.Daily.ToName()),
    };

    /// <summary>The metric type filter.</summary>
    public static QueryParameter MetricType { get; } = Name(ParameterNames.MetricType, "metricType", "Only metrics of this type.", QueryLimits.MaxMetricTypeLength, "trade");

    /// <summary>The metric name filter.</summary>
    public static QueryParameter MetricName { get; } = Name(ParameterNames.MetricName, "metricName", "Only metrics of this name.", QueryLimits.MaxMetricNameLength, "pnl");

    /// <summary>The script whose health samples are asked for.</summary>
    public static QueryParameter Script { get; } = Name(ParameterNames.Script, null, "The trading script.", QueryLimits.MaxScriptNameLength, "breakout_scanner") with
    {
        Required = true,
    };

    /// <summary>The range start; absent means <paramref name="defaultRange"/> before the end.</summary>
    public static QueryParameter StartTime(TimeSpan defaultRange) => new()
    {
        Name = ParameterNames.StartTime,
        Alias = "start",
        Description = string.Create(
            CultureInfo.InvariantCulture,
            $"Start of the date range, inclusive: ISO 8601, UTC when no offset is given; the range may span at most 365 whole days. Default: {defaultRange.TotalDays:0} days before end_time."),
        Format = "date-time",
        Example = JsonValue.Create("2024-01-01T00:00:00Z"),
    };

    private static QueryParameter OneOf(string name, string alias, string description, IReadOnlyList<string> allowed) => new()
    {
        Name = name,
        Alias = alias,
        Description = description,
        Allowed = allowed,
        Example = JsonValue.Create(allowed[0]),
    };

    private static QueryParameter Name(string name, string? alias, string description, int maxLength, string example) => new()
    {
        Name = name,
        Alias = alias,
        Description = description,
        MaxLength = maxLength,
        Pattern = QueryRules.NamePattern,
        Example = JsonValue.Create(example),
    };
}
