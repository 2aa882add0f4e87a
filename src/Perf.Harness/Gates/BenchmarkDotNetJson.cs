using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Perf.Harness.Gates;

/// <summary>Reads BenchmarkDotNet's JSON export (<c>*-report-full.json</c>, or the brief one) into <see cref="BenchmarkTiming"/>s.</summary>
/// <remarks>
/// The raw samples are <c>Statistics.OriginalValues</c> (the result iterations before outlier removal); when absent they are
/// rebuilt from the full export's <c>Measurements</c> (<c>Workload</c>/<c>Result</c>, nanoseconds ÷ operations).
/// Bare <c>NaN</c>/<c>Infinity</c> tokens, which some exporters write, are read as null.
/// </remarks>
public static partial class BenchmarkDotNetJson
{
    /// <summary>The file name suffix of the full JSON export.</summary>
    public const string FullReportSuffix = "-report-full.json";

    /// <summary>Parses one export.</summary>
    public static IReadOnlyList<BenchmarkTiming> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(BareNonFinite().Replace(json, "${prefix}null"));
        if (!document.RootElement.TryGetProperty("Benchmarks", out var benchmarks) || benchmarks.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("Not a BenchmarkDotNet JSON export: no \"Benchmarks\" array.");
        }

        var timings = new List<BenchmarkTiming>();
        foreach (var benchmark in benchmarks.EnumerateArray())
        {
            var name = String(benchmark, "FullName")
                ?? $"{String(benchmark, "Type")}.{String(benchmark, "Method")}({String(benchmark, "Parameters")})";
            if (!benchmark.TryGetProperty("Statistics", out var statistics) || statistics.ValueKind != JsonValueKind.Object)
            {
                continue; // An errored benchmark has no statistics; the bench program already failed on it.
            }

            var samples = Numbers(statistics, "OriginalValues");
            if (samples.Count == 0 && benchmark.TryGetProperty("Measurements", out var measurements) && measurements.ValueKind == JsonValueKind.Array)
            {
                samples = [.. measurements.EnumerateArray()
                    .Where(m => String(m, "IterationMode") == "Workload" && String(m, "IterationStage") == "Result")
                    .Select(m => Number(m, "Nanoseconds") / Math.Max(1, Number(m, "Operations")))];
            }

            var mean = Number(statistics, "Mean");
            var median = Number(statistics, "Median");
            double lower = double.NaN, upper = double.NaN;
            if (statistics.TryGetProperty("ConfidenceInterval", out var interval) && interval.ValueKind == JsonValueKind.Object)
            {
                lower = Number(interval, "Lower");
                upper = Number(interval, "Upper");
            }

            if (samples.Count > 0)
            {
                mean = double.IsFinite(mean) ? mean : samples.Average();
                median = double.IsFinite(median) ? median : Median(samples);
                lower = double.IsFinite(lower) ? lower : samples.Min();
                upper = double.IsFinite(upper) ? upper : samples.Max();
            }

            timings.Add(new BenchmarkTiming(name, mean, median, lower, upper, samples));
        }

        return timings;
    }

    /// <summary>Reads and merges every <c>*-report-full.json</c> under the directory <paramref name="path"/> (or that one file).</summary>
    public static async Task<IReadOnlyList<BenchmarkTiming>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var files = File.Exists(path)
            ? [path]
            : Directory.Exists(path)
                ? Directory.GetFiles(path, "*" + FullReportSuffix, SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray()
                : throw new FileNotFoundException($"No BenchmarkDotNet export at '{path}'.", path);
        if (files.Length == 0)
        {
            throw new FileNotFoundException($"No *{FullReportSuffix} under '{path}'.", path);
        }

        var all = new List<BenchmarkTiming>();
        foreach (var file in files)
        {
            all.AddRange(Parse(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false)));
        }

        return all;
    }

    internal static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    private static double Number(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble()
        : element.TryGetProperty(property, out value) && value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed
        : double.NaN;

    private static List<double> Numbers(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Number).Select(v => v.GetDouble())]
            : [];

    [GeneratedRegex(@"(?<prefix>[:\[,]\s*)-?(NaN|Infinity)\b", RegexOptions.CultureInvariant)]
    private static partial Regex BareNonFinite();
}
