using System.Globalization;
using System.Net;
using System.Text;

namespace Perf.Load.Reports;

/// <summary>A self-contained HTML report: tables plus charts embedded as base64 PNG.</summary>
internal static class HtmlReport
{
    /// <summary>Renders the report.</summary>
    public static string Render(ReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var s = input.Summary;
        var percentileSeries = new List<(string, HdrHistogram.HistogramBase)>
        {
            ("all: end − intended", input.Total.Latency),
            ("all: service time (end − actual start)", input.Total.Service),
        };
        percentileSeries.AddRange(input.Endpoints.Select(e => ("endpoint " + e.Name, e.Latency)));

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Load test report</title>\n<style>");
        html.Append("body{font-family:system-ui,sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse;margin:1em 0}");
        html.Append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}");
        html.Append(".PASS{color:#070}.FAIL{color:#b00}.INVALID{color:#b60}img{max-width:100%}</style></head><body>\n");
        html.Append(CultureInfo.InvariantCulture, $"<h1>Load test: <span class=\"{MarkdownReport.Word(s.Verdict)}\">{MarkdownReport.Word(s.Verdict)}</span></h1>\n");

        // The Markdown report already says everything in words; render it as preformatted text for completeness.
        html.Append("<h2>Summary</h2><pre>").Append(WebUtility.HtmlEncode(MarkdownReport.Render(s))).Append("</pre>\n");
        html.Append("<h2>Latency by percentile</h2>\n");
        Image(html, ChartRenderer.PercentileChart(percentileSeries));
        if (s.Timeline.Count > 0)
        {
            html.Append("<h2>Over time</h2>\n");
            Image(html, ChartRenderer.LatencyOverTime(s.Timeline));
            Image(html, ChartRenderer.ThroughputOverTime(s.Timeline));
        }

        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void Image(StringBuilder html, byte[] png) =>
        html.Append("<p><img alt=\"chart\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(png)).Append("\"></p>\n");
}
