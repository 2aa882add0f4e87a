using System.Globalization;

namespace Perf.Load.Scenarios;

/// <summary>A dashboard's time window: the profile, range and whether it repeats a cacheable query.</summary>
/// <param name="ProfileId">Profile queried.</param>
/// <param name="Start">Window start (UTC).</param>
/// <param name="End">Window end (UTC).</param>
/// <param name="Cached">True when the window is hour-aligned and so shared by many requests.</param>
internal sealed record QueryWindow(long ProfileId, DateTimeOffset Start, DateTimeOffset End, bool Cached)
{
    /// <summary>How far before the hour a unique (uncached) window may end, in seconds.</summary>
    private const int UniqueShiftSeconds = 86_400;

    /// <summary>The furthest before the anchor a window starts: the longest range of the mix, ending up to a day before the anchor's hour.</summary>
    public static TimeSpan LongestLookBack { get; } = TrafficOptions.RangeMix.Max(r => r.Range) + TimeSpan.FromSeconds(UniqueShiftSeconds);

    /// <summary>Length of the window.</summary>
    public TimeSpan Range => End - Start;

    /// <summary>Picks a profile (hot or cold), a range from the mix and a cached or unique window.</summary>
    public static QueryWindow Pick(TrafficOptions options, Random random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        var hot = options.HotProfileCount > 0 && random.NextDouble() < options.HotShare;
        var profile = options.FirstProfileId + (hot
            ? random.Next(Math.Min(options.HotProfileCount, options.ProfileCount))
            : random.Next(options.ProfileCount));
        var range = PickRange(random);
        var cached = random.NextDouble() < options.CachedShare;
        var hourAligned = new DateTimeOffset(options.Anchor.UtcTicks - (options.Anchor.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
        var end = cached ? hourAligned : hourAligned.AddSeconds(-random.Next(1, UniqueShiftSeconds));
        return new QueryWindow(profile, end - range, end, cached);
    }

    /// <summary><c>start_time=...&amp;end_time=...</c> in ISO 8601 UTC.</summary>
    public string ToQuery() => $"start_time={Format(Start)}&end_time={Format(End)}";

    private static TimeSpan PickRange(Random random)
    {
        var roll = random.NextDouble();
        foreach (var (range, share) in TrafficOptions.RangeMix)
        {
            if (roll < share)
            {
                return range;
            }

            roll -= share;
        }

        return TrafficOptions.RangeMix[^1].Range;
    }

    private static string Format(DateTimeOffset value) =>
        Uri.EscapeDataString(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
