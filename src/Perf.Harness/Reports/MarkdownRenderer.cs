using System.Text;

namespace Perf.Harness.Reports;

/// <summary>Renders a <see cref="ReportDocument"/> as GitHub Markdown (charts as relative image links).</summary>
public static class MarkdownRenderer
{
    /// <summary>The document's Markdown body (the provenance header is added by <see cref="Results.ResultWriter.WriteReportAsync"/>).</summary>
    public static string Render(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var b = new StringBuilder();
        b.Append("# ").AppendLine(document.Title).AppendLine();
        foreach (var block in document.Blocks)
        {
            Append(b, block);
            b.AppendLine();
        }

        return b.ToString();
    }

    /// <summary>One block on its own, e.g. the provenance table.</summary>
    public static string Render(ReportBlock block)
    {
        ArgumentNullException.ThrowIfNull(block);
        var b = new StringBuilder();
        Append(b, block);
        return b.ToString();
    }

    private static void Append(StringBuilder b, ReportBlock block)
    {
        switch (block)
        {
            case ReportHeading h:
                b.Append(new string('#', Math.Clamp(h.Level, 1, 4) + 1)).Append(' ').AppendLine(h.Text);
                break;
            case ReportParagraph p:
                b.AppendLine(p.Text);
                break;
            case ReportList l:
                foreach (var item in l.Items)
                {
                    b.Append("- ").AppendLine(item);
                }

                break;
            case ReportTable t:
                b.Append("| ").AppendJoin(" | ", t.Header.Select(Cell)).AppendLine(" |");
                b.Append('|').AppendJoin('|', t.Header.Select((_, i) => t.NumericColumns.Contains(i) ? "---:" : "---")).AppendLine("|");
                foreach (var row in t.Rows)
                {
                    b.Append("| ").AppendJoin(" | ", row.Select(Cell)).AppendLine(" |");
                }

                break;
            case ReportImage i:
                b.Append("![").Append(i.AltText).Append("](").Append(i.FileName).AppendLine(")");
                break;
            default:
                throw new NotSupportedException($"Unknown block {block.GetType().Name}.");
        }
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
