namespace Perf.Bench.Queries;

/// <summary>The dashboard time windows benchmarked, ending at the dataset's newest day.</summary>
public enum QueryWindow
{
    /// <summary>The last day.</summary>
    OneDay,

    /// <summary>The last 7 days (the trade list's default).</summary>
    SevenDays,

    /// <summary>The last 30 days (the summary's default).</summary>
    ThirtyDays,

    /// <summary>The last 365 days: past 90 days, answered from daily aggregates.</summary>
    OneYear,
}
