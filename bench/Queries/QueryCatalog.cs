using System.Globalization;
using Telemetry.Data.Model;
using Telemetry.Data.Queries;

namespace Perf.Bench.Queries;

/// <summary>Every question the bench asks, built from a dataset's <see cref="QueryContext"/>: the same objects feed benchmarks and plans.</summary>
public static class QueryCatalog
{
    /// <summary>Rows of the full-scan query (the document's "bad" query with a LIMIT).</summary>
    public const int FullScanLimit = QueryLimits.DefaultLimit;

    /// <summary>The first page of a profile's trades in a window (1 year comes from daily aggregates).</summary>
    public static TradeListCase TradePage(QueryContext context, ProfileKind profile, QueryWindow window)
    {
        ArgumentNullException.ThrowIfNull(context);
        var query = TradeListQuery.Create(context.ProfileId(profile), Range(context, window), TradeFilter.None, QueryLimits.DefaultLimit, 0, null);
        return new TradeListCase($"trades_page/{Label(profile)}/{window.Label()}", query);
    }

    /// <summary>A deep page of the hot profile's last 30 days, by offset or by keyset cursor (the same rows either way).</summary>
    public static TradeListCase DeepPage(QueryContext context, PageKind kind)
    {
        ArgumentNullException.ThrowIfNull(context);
        var range = Range(context, QueryWindow.ThirtyDays);
        var query = kind == PageKind.Offset
            ? TradeListQuery.Create(context.HotProfileId, range, TradeFilter.None, QueryContext.DeepPageSize, context.DeepOffset, null)
            : TradeListQuery.Create(
                context.HotProfileId, range, TradeFilter.None, QueryContext.DeepPageSize, 0, context.DeepCursor is { } cursor ? TradeCursor.Decode(cursor) : null);
        return new TradeListCase($"trades_deep/{kind.ToString().ToLowerInvariant()}", query);
    }

    /// <summary>The first page of the hot profile's trades of its top symbol in the last 30 days (an equality filter beside the range).</summary>
    public static TradeListCase SymbolPage(QueryContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var query = TradeListQuery.Create(
            context.HotProfileId, Range(context, QueryWindow.ThirtyDays), new TradeFilter(Symbol: context.HotSymbol), QueryLimits.DefaultLimit, 0, null);
        return new TradeListCase("trades_symbol/hot/30d", query);
    }

    /// <summary>A profile's trade summary over a window (1 year comes from daily aggregates).</summary>
    public static TradeSummaryCase Summary(QueryContext context, ProfileKind profile, QueryWindow window)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new TradeSummaryCase($"summary/{Label(profile)}/{window.Label()}", context.ProfileId(profile), Range(context, window));
    }

    /// <summary>The hot profile's windowed metrics of one window type over the range a dashboard shows it for.</summary>
    /// <remarks>Hourly over 7 days, daily over 30 (the API default), weekly and monthly over a year; all series, as the API's default.</remarks>
    public static MetricCase Metrics(QueryContext context, WindowType windowType)
    {
        ArgumentNullException.ThrowIfNull(context);
        var window = windowType switch
        {
            WindowType.Hourly => QueryWindow.SevenDays,
            WindowType.Daily => QueryWindow.ThirtyDays,
            _ => QueryWindow.OneYear,
        };
        var query = new MetricQuery(context.HotProfileId, windowType, null, null, Range(context, window), QueryLimits.DefaultLimit, 0);
        return new MetricCase($"metrics/{windowType.ToName()}", query);
    }

    /// <summary>A profile's most active script's health over the last 7 days (the API default).</summary>
    public static HealthCase Health(QueryContext context, ProfileKind profile)
    {
        ArgumentNullException.ThrowIfNull(context);
        var query = new HealthQuery(context.ProfileId(profile), context.Script(profile), Range(context, QueryWindow.SevenDays), QueryLimits.DefaultLimit, 0);
        return new HealthCase($"health/{Label(profile)}", query);
    }

    /// <summary>The document's "bad" query.</summary>
    public static FullScanCase FullScan() => new("full_scan", FullScanLimit);

    /// <summary>Every case, in report order.</summary>
    public static IReadOnlyList<QueryCase> All(QueryContext context)
    {
        var cases = new List<QueryCase>();
        foreach (var profile in Enum.GetValues<ProfileKind>())
        {
            cases.AddRange(Enum.GetValues<QueryWindow>().Select(w => TradePage(context, profile, w)));
        }

        cases.AddRange(Enum.GetValues<PageKind>().Select(k => DeepPage(context, k)));
        cases.Add(SymbolPage(context));
        foreach (var profile in Enum.GetValues<ProfileKind>())
        {
            cases.AddRange(Enum.GetValues<QueryWindow>().Select(w => Summary(context, profile, w)));
        }

        cases.AddRange(Enum.GetValues<WindowType>().Select(t => Metrics(context, t)));
        cases.AddRange(Enum.GetValues<ProfileKind>().Select(p => Health(context, p)));
        cases.Add(FullScan());
        return cases;
    }

    /// <summary>The range of a window ending at the anchor.</summary>
    public static DateRange Range(QueryContext context, QueryWindow window)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new DateRange(context.Anchor - window.Span(), context.Anchor);
    }

    private static string Label(ProfileKind profile) => profile.ToString().ToLower(CultureInfo.InvariantCulture);
}
