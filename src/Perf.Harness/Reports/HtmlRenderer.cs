using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Perf.Harness.Reports;

/// <summary>Renders a <see cref="ReportDocument"/> as one self-contained HTML page: no external resources, charts as base64 PNG data URIs.</summary>
public static partial class HtmlRenderer
{
    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}
        table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
        th{background:#f3f3f3}td{font-variant-numeric:tabular-nums}td.num{text-align:right}code{background:#f3f3f3;padding:0 .2em}
        img{max-width:100%;height:auto;border:1px solid #eee}.provenance{font-size:.85em;color:#555}
        """;

    /// <summary>The page; <paramref name="provenance"/> (from <see cref="ProvenanceBlock.Table"/>) becomes its header table.</summary>
    public static string Render(ReportDocument document, ReportTable? provenance)
    {
        ArgumentNullException.ThrowIfNull(document);
        var b = new StringBuilder();
        b.AppendLine("<!DOCTYPE html>");
        b.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        b.Append("<title>").Append(Encode(document.Title)).AppendLine("</title>");
        b.Append("<style>").Append(Style).AppendLine("</style></head><body>");
        b.Append("<h1>").Append(Encode(document.Title)).AppendLine("</h1>");
        if (provenance is not null)
        {
            b.AppendLine("<div class=\"provenance\">");
            AppendTable(b, provenance);
            b.AppendLine("</div>");
        }

        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case ReportHeading h:
                    var level = Math.Clamp(h.Level, 1, 4) + 1;
                    b.Append("<h").Append(level).Append('>').Append(Inline(h.Text)).Append("</h").Append(level).AppendLine(">");
                    break;
                case ReportParagraph p:
                    b.Append("<p>").Append(Inline(p.Text)).AppendLine("</p>");
                    break;
                case ReportList l:
                    b.AppendLine("<ul>");
                    foreach (var item in l.Items)
                    {
                        b.Append("<li>").Append(Inline(item)).AppendLine("</li>");
                    }

                    b.AppendLine("</ul>");
                    break;
                case ReportTable t:
                    AppendTable(b, t);
                    break;
                case ReportImage i:
                    b.Append("<figure><img class=\"chart\" alt=\"").Append(Encode(i.AltText)).Append("\" data-file=\"").Append(Encode(i.FileName))
                        .Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(i.Png)).AppendLine("\"></figure>");
                    break;
                default:
                    throw new NotSupportedException($"Unknown block {block.GetType().Name}.");
            }
        }

        b.AppendLine("</body></html>");
        return b.ToString();
    }

    private static void AppendTable(StringBuilder b, ReportTable table)
    {
        b.AppendLine("<table>");
        if (table.Header.Count > 0)
        {
            b.Append("<tr>");
            foreach (var cell in table.Header)
            {
                b.Append("<th>").Append(Inline(cell)).Append("</th>");
            }

            b.AppendLine("</tr>");
        }

        foreach (var row in table.Rows)
        {
            b.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
            {
                b.Append(table.NumericColumns.Contains(i) ? "<td class=\"num\">" : "<td>").Append(Inline(row[i])).Append("</td>");
            }

            b.AppendLine("</tr>");
        }

        b.AppendLine("</table>");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static string Inline(string text) => Strong().Replace(CodeSpan().Replace(Encode(text), "<code>$1</code>"), "<strong>$1</strong>");

    [GeneratedRegex("`([^`]+)`", RegexOptions.CultureInvariant)]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\*\*([^*]+)\*\*", RegexOptions.CultureInvariant)]
    private static partial Regex Strong();
}
