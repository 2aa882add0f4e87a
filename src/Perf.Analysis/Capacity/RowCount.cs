using System.Globalization;

namespace Perf.Analysis.Capacity;

/// <summary>Parses row counts written for humans: <c>250000</c>, <c>300k</c>, <c>1.5M</c>, <c>2B</c>.</summary>
public static class RowCount
{
    /// <summary>Parses one count; throws <see cref="FormatException"/> when it is not a positive count.</summary>
    public static long Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim().Replace("_", string.Empty, StringComparison.Ordinal);
        var multiplier = trimmed.Length == 0 ? 1 : char.ToLowerInvariant(trimmed[^1]) switch
        {
            'k' => 1e3,
            'm' => 1e6,
            'b' or 'g' => 1e9,
            _ => 1,
        };
        var number = multiplier == 1 ? trimmed : trimmed[..^1];
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value * multiplier < 1 || value * multiplier > 1e12)
        {
            throw new FormatException($"'{text}' is not a row count (e.g. 250000, 300k, 1.5M).");
        }

        return (long)Math.Round(value * multiplier);
    }

    /// <summary>Parses a comma-separated list, sorted and without duplicates.</summary>
    public static IReadOnlyList<long> ParseList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse).Distinct().Order()];
    }
}
