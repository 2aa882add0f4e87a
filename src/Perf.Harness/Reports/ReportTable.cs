namespace Perf.Harness.Reports;

/// <summary>A table.</summary>
/// <param name="Header">The column names.</param>
/// <param name="Rows">The cells, row by row.</param>
public sealed record ReportTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows) : ReportBlock
{
    /// <summary>Parses a Markdown pipe table (the provenance block of <see cref="Results.ResultWriter.RenderProvenance"/>); other lines are ignored.</summary>
    public static ReportTable FromMarkdown(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var lines = markdown.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith('|') && l.EndsWith('|')).ToList();
        var rows = lines
            .Where(l => !l.Replace("|", string.Empty, StringComparison.Ordinal).All(c => c is '-' or ':' or ' '))
            .Select(SplitCells)
            .ToList();
        return rows.Count == 0 ? new ReportTable([], []) : new ReportTable(rows[0], rows.Skip(1).ToList());
    }

    private static IReadOnlyList<string> SplitCells(string line)
    {
        var cells = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 1; i < line.Length - 1; i++)
        {
            if (line[i] == '\\' && line[i + 1] == '|')
            {
                current.Append('|');
                i++;
            }
            else if (line[i] == '|')
            {
                cells.Add(current.ToString().Trim());
                current.Clear();
            }
            else
            {
                current.Append(line[i]);
            }
        }

        cells.Add(current.ToString().Trim());
        return cells;
    }
}
