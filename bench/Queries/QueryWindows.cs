namespace Perf.Bench.Queries;

/// <summary>Spans and short labels of <see cref="QueryWindow"/> values.</summary>
public static class QueryWindows
{
    /// <summary>The window's width.</summary>
    public static TimeSpan Span(this QueryWindow window) => window switch
    {
        QueryWindow.OneDay => TimeSpan.FromDays(1),
        QueryWindow.SevenDays => TimeSpan.FromDays(7),
        QueryWindow.ThirtyDays => TimeSpan.FromDays(30),
        QueryWindow.OneYear => TimeSpan.FromDays(365),
        _ => throw new ArgumentOutOfRangeException(nameof(window), window, null),
    };

    /// <summary>The label used in query names: <c>1d</c>, <c>7d</c>, <c>30d</c>, <c>1y</c>.</summary>
    public static string Label(this QueryWindow window) => window switch
    {
        QueryWindow.OneDay => "1d",
        QueryWindow.SevenDays => "7d",
        QueryWindow.ThirtyDays => "30d",
        QueryWindow.OneYear => "1y",
        _ => throw new ArgumentOutOfRangeException(nameof(window), window, null),
    };
}
