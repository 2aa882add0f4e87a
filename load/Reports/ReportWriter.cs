using System.Text;
using Perf.Harness.Reports;
using Perf.Harness.Results;

namespace Perf.Load.Reports;

/// <summary>Writes a run's files into its results directory.</summary>
/// <remarks>
/// Files: <c>manifest.json</c> (the harness's provenance), <c>summary.json</c>, <c>report.md</c> (headed by the provenance), with <c>html</c> also <c>report.html</c>
/// and the charts as PNG files, <c>latency.hgrm</c> (gated),
/// <c>service.hgrm</c>, <c>latency-ENDPOINT.hgrm</c>, and <c>latency.hlog</c> (interval log: untagged lines are the
/// whole run's gated latency; tags <c>scenario.NAME</c>, <c>endpoint.NAME</c>, and <c>service</c>, <c>service.endpoint.NAME</c>... for service time). The report's
/// text (no charts, no provenance) is also appended to <c>$GITHUB_STEP_SUMMARY</c> when set.
/// </remarks>
internal static class ReportWriter
{
    /// <summary>The interval log's file name; <c>merge</c> reads it back.</summary>
    public const string IntervalLogFile = "latency.hlog";

    /// <summary>The summary's file name; <c>merge</c> reads it back.</summary>
    public const string SummaryFile = "summary.json";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes every file plus the harness's <c>manifest.json</c> into <paramref name="directory"/>; returns the directory.</summary>
    public static async Task<string> WriteAsync(ReportInput input, RunManifest manifest, string directory, bool html, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return await WriteAsync(input, await ResultWriter.CreateAsync(manifest, directory, cancellationToken).ConfigureAwait(false), html, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes every file into <paramref name="writer"/>'s directory, its manifest last; returns the directory.</summary>
    public static async Task<string> WriteAsync(ReportInput input, ResultWriter writer, bool html, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(writer);
        var text = LoadReport.Build(input.Summary);
        await writer.WriteJsonAsync(SummaryFile, input.Summary, cancellationToken).ConfigureAwait(false);
        // The run is over: the report's provenance shows when it ended, not "running".
        writer.Manifest.EndedUtc ??= DateTime.UtcNow;
        await writer.WriteReportAsync("report", html ? LoadReport.WithCharts(text, input) : text, html, cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(writer, "latency.hgrm", PercentileDistribution.Render(input.Total.Latency), cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(writer, "service.hgrm", PercentileDistribution.Render(input.Total.Service), cancellationToken).ConfigureAwait(false);
        foreach (var endpoint in input.Endpoints)
        {
            await WriteTextAsync(writer, $"latency-{endpoint.Name}.hgrm", PercentileDistribution.Render(endpoint.Latency), cancellationToken).ConfigureAwait(false);
        }

        var log = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        HistogramLog.Write(log, input.Summary.StartedUtc, input.Intervals, "Perf.Load interval log: microseconds, end - intended start; tags scenario.NAME, endpoint.NAME; service[.GROUP] = end - actual start");
        await WriteTextAsync(writer, IntervalLogFile, log.ToString(), cancellationToken).ConfigureAwait(false);
        if (Environment.GetEnvironmentVariable("GITHUB_STEP_SUMMARY") is { Length: > 0 } stepSummary)
        {
            await File.AppendAllTextAsync(stepSummary, MarkdownRenderer.Render(text) + "\n", Utf8, cancellationToken).ConfigureAwait(false);
        }

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return writer.Directory;
    }

    private static Task<string> WriteTextAsync(ResultWriter writer, string fileName, string text, CancellationToken cancellationToken) =>
        writer.WriteBytesAsync(fileName, Utf8.GetBytes(text), cancellationToken);
}
