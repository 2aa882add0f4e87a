namespace Perf.Load.Scenarios;

/// <summary>What realistic dashboard traffic looks like: which profiles, how hot, how cacheable, which time ranges.</summary>
/// <param name="FirstProfileId">Lowest profile id with seeded data.</param>
/// <param name="ProfileCount">Number of consecutive profile ids with seeded data.</param>
/// <param name="HotProfileCount">The first N profiles are "hot" (watched by many dashboards).</param>
/// <param name="HotShare">Fraction of requests that go to hot profiles.</param>
/// <param name="CachedShare">Fraction of requests that repeat a popular, hour-aligned query (cacheable); the rest use a unique window.</param>
/// <param name="Anchor">"Now" for the dashboards: the end of the seeded data.</param>
/// <param name="PageSize">Trades per page.</param>
/// <param name="MaxPages">Pages a pagination walk follows at most.</param>
/// <param name="Scripts">Script names the health dashboard asks for (the API requires one).</param>
internal sealed record TrafficOptions(
    long FirstProfileId,
    int ProfileCount,
    int HotProfileCount,
    double HotShare,
    double CachedShare,
    DateTimeOffset Anchor,
    int PageSize,
    int MaxPages,
    IReadOnlyList<string> Scripts)
{
    /// <summary>Share of first trade pages that filter by trade type or exit reason.</summary>
    public const double FilteredTradesShare = 0.2;

    /// <summary>Defaults: profiles 1–50, 5 hot taking 80 %, 60 % cacheable, anchored now, pages of 100, walks of up to 5 pages.</summary>
    public static TrafficOptions Default { get; } = new(1, 50, 5, 0.8, 0.6, DateTimeOffset.UtcNow, 100, 5, ["breakout_scanner", "order_router"]);

    /// <summary>The dashboard range mix: 1 d, 7 d, 30 d and over 90 d with their shares.</summary>
    public static IReadOnlyList<(TimeSpan Range, double Share)> RangeMix { get; } =
    [
        (TimeSpan.FromDays(1), 0.40),
        (TimeSpan.FromDays(7), 0.35),
        (TimeSpan.FromDays(30), 0.20),
        (TimeSpan.FromDays(180), 0.05),
    ];
}
