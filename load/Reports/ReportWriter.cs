using System.Text;

namespace Perf.Load.Reports;

/// <summary>Writes a run's files into its results directory.</summary>
/// <remarks>
/// Files: <c>summary.json</c>, <c>report.md</c>, <c>report.html</c>, <c>latency.hgrm</c> (gated),
/// <c>service.hgrm</c>, <c>latency-ENDPOINT.hgrm</c>, and <c>latency.hlog</c> (interval log: untagged lines are the
/// whole run's gated latency; tags <c>scenario.NAME</c>, <c>endpoint.NAME</c>, and <c>service</c>, <c>service.endpoint.NAME</c>... for service time). The Markdown is
/// also appended to <c>$GITHUB_STEP_SUMMARY</c> when set.
/// </remarks>
internal static class ReportWriter
{
    /// <summary>The interval log's file name; <c>merge</c> reads it back.</summary>
    public const string IntervalLogFile = "latency.hlog";

    /// <summary>The summary's file name; <c>merge</c> reads it back.</summary>
    public const string SummaryFile = "summary.json";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes every file; returns the directory.</summary>
    public static async Task<string> WriteAsync(ReportInput input, string directory, bool html, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        Directory.CreateDirectory(directory);
        var markdown = MarkdownReport.Render(input.Summary);
        await File.WriteAllTextAsync(Path.Combine(directory, SummaryFile), SummaryJson.Serialize(input.Summary) + "\n", Utf8, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(directory, "report.md"), markdown, Utf8, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(directory, "latency.hgrm"), PercentileDistribution.Render(input.Total.Latency), Utf8, cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(directory, "service.hgrm"), PercentileDistribution.Render(input.Total.Service), Utf8, cancellationToken).ConfigureAwait(false);
        foreach (var endpoint in input.Endpoints)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, $"latency-{endpoint.Name}.hgrm"), PercentileDistribution.Render(endpoint.Latency), Utf8, cancellationToken).ConfigureAwait(false);
        }

        var log = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        HistogramLog.Write(log, input.Summary.StartedUtc, input.Intervals, "Perf.Load interval log: microseconds, end - intended start; tags scenario.NAME, endpoint.NAME; service[.GROUP] = end - actual start");
        await File.WriteAllTextAsync(Path.Combine(directory, IntervalLogFile), log.ToString(), Utf8, cancellationToken).ConfigureAwait(false);

        if (html)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "report.html"), HtmlReport.Render(input), Utf8, cancellationToken).ConfigureAwait(false);
        }

        if (Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY") is { Length: > 0 } stepSummary)
        {
            await File.AppendAllTextAsync(stepSummary, markdown + "\n", Utf8, cancellationToken).ConfigureAwait(false);
        }

        return directory;
    }
}
