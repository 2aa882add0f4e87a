using System.Globalization;

namespace Perf.Load.Cli;

/// <summary>Parses durations such as <c>30s</c>, <c>500ms</c>, <c>2m</c>, <c>1h</c>; a bare number is seconds.</summary>
internal static class DurationText
{
    /// <summary>Parses <paramref name="text"/>; <paramref name="what"/> names it in the error.</summary>
    public static TimeSpan Parse(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        var (number, unit) = t switch
        {
            _ when t.EndsWith("ms", StringComparison.Ordinal) => (t[..^2], 0.001),
            _ when t.EndsWith("us", StringComparison.Ordinal) => (t[..^2], 0.000001),
            _ when t.EndsWith('s') => (t[..^1], 1.0),
            _ when t.EndsWith('m') => (t[..^1], 60.0),
            _ when t.EndsWith('h') => (t[..^1], 3600.0),
            _ => (t, 1.0),
        };
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < 0)
        {
            throw new ConfigurationException($"{what} '{text}' is not a duration (e.g. 30s, 500ms, 2m).");
        }

        return TimeSpan.FromSeconds(value * unit);
    }
}
