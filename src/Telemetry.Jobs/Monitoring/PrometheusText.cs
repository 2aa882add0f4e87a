using System.Globalization;
using System.Text;

namespace Telemetry.Jobs.Monitoring;

/// <summary>Parses the Prometheus text exposition format (0.0.4) and computes quantiles from its histograms.</summary>
/// <remarks>
/// Hand-written on purpose: the .NET libraries we can use (OpenTelemetry's exporter, prometheus-net) only write this
/// format, none reads it, and the monitor needs just sample lines, histogram quantiles and deltas between scrapes.
/// <c>ApiMetricsTests</c> holds it to the API's real exporter output.
/// </remarks>
public static class PrometheusText
{
    /// <summary>Parses every sample line; comments, blank lines and timestamps are skipped.</summary>
    /// <exception cref="FormatException">A line is not a sample.</exception>
    public static IReadOnlyList<PrometheusSample> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new List<PrometheusSample>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            samples.Add(ParseLine(line, lineNumber));
        }

        return samples;
    }

    /// <summary>The <paramref name="quantile"/> (0..1) of a histogram, summed over every label set that matches <paramref name="filter"/>.</summary>
    /// <remarks>
    /// Interpolates linearly inside the bucket, as Prometheus's <c>histogram_quantile</c> does; a quantile in the
    /// <c>+Inf</c> bucket returns the largest finite bound. Null when the histogram has no observations.
    /// </remarks>
    public static double? HistogramQuantile(IEnumerable<PrometheusSample> samples, string histogram, double quantile, Func<PrometheusSample, bool>? filter = null)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfLessThan(quantile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1);
        var buckets = samples
            .Where(s => s.Name == histogram + "_bucket" && s.Label("le") is not null && (filter is null || filter(s)))
            .GroupBy(s => ParseValue(s.Label("le")!))
            .Select(g => (Bound: g.Key, Count: g.Sum(s => s.Value)))
            .OrderBy(b => b.Bound)
            .ToList();
        if (buckets.Count == 0 || buckets[^1].Count <= 0)
        {
            return null;
        }

        var rank = quantile * buckets[^1].Count;
        double lowerBound = 0, lowerCount = 0;
        foreach (var (bound, count) in buckets)
        {
            if (count >= rank)
            {
                if (double.IsPositiveInfinity(bound))
                {
                    return lowerBound;
                }

                return count == lowerCount ? bound : lowerBound + ((bound - lowerBound) * (rank - lowerCount) / (count - lowerCount));
            }

            lowerBound = bound;
            lowerCount = count;
        }

        return lowerBound;
    }

    /// <summary>Subtracts an earlier scrape's counters from a later one's (same series by name and labels), for rates over an interval.</summary>
    /// <remarks>A series that went down (the process restarted) keeps its later value.</remarks>
    public static IReadOnlyList<PrometheusSample> Delta(IReadOnlyList<PrometheusSample> later, IReadOnlyList<PrometheusSample> earlier)
    {
        ArgumentNullException.ThrowIfNull(later);
        ArgumentNullException.ThrowIfNull(earlier);
        var before = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var sample in earlier)
        {
            before[Key(sample)] = sample.Value;
        }

        return [.. later.Select(s => before.TryGetValue(Key(s), out var old) && old <= s.Value ? s with { Value = s.Value - old } : s)];
    }

    private static string Key(PrometheusSample sample) =>
        sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value)) + "}";

    private static PrometheusSample ParseLine(string line, int lineNumber)
    {
        var i = 0;
        while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] is '_' or ':'))
        {
            i++;
        }

        if (i == 0)
        {
            throw new FormatException($"Line {lineNumber} is not a Prometheus sample: '{line}'.");
        }

        var name = line[..i];
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (true)
            {
                while (i < line.Length && line[i] is ' ' or ',')
                {
                    i++;
                }

                if (i < line.Length && line[i] == '}')
                {
                    i++;
                    break;
                }

                var eq = line.IndexOf('=', i);
                if (eq < 0 || eq + 1 >= line.Length || line[eq + 1] != '"')
                {
                    throw new FormatException($"Line {lineNumber} has a malformed label: '{line}'.");
                }

                var labelName = line[i..eq].Trim();
                var value = new StringBuilder();
                i = eq + 2;
                while (i < line.Length && line[i] != '"')
                {
                    if (line[i] == '\\' && i + 1 < line.Length)
                    {
                        i++;
                        value.Append(line[i] == 'n' ? '\n' : line[i]);
                    }
                    else
                    {
                        value.Append(line[i]);
                    }

                    i++;
                }

                if (i >= line.Length)
                {
                    throw new FormatException($"Line {lineNumber} has an unterminated label value: '{line}'.");
                }

                labels[labelName] = value.ToString();
                i++;
            }
        }

        var rest = line[i..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (rest.Length is 0 or > 2)
        {
            throw new FormatException($"Line {lineNumber} has no value: '{line}'.");
        }

        return new PrometheusSample(name, labels, ParseValue(rest[0]));
    }

    private static double ParseValue(string text) => text switch
    {
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"'{text}' is not a Prometheus sample value."),
    };
}
