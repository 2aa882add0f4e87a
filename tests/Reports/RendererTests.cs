using Perf.Harness.Reports;
using Perf.Harness.Results;

namespace Perf.Tests.Reports;

public sealed class RendererTests
{
    private static readonly ReportDocument Document = new("T", [
        new ReportHeading(1, "Section"),
        new ReportParagraph("a <b> & `code|x`"),
        new ReportParagraph("**PASS** at 5/s"),
        new ReportTable(["k", "v"], [["a|b", "`c`"]]),
        new ReportTable(["name", "ms"], [["x", "1.5"]]) { NumericColumns = [1] },
        new ReportList(["one", "two"]),
    ]);

    [Fact]
    public void Html_TextAndCode_EscapedAndSpanned()
    {
        var html = HtmlRenderer.Render(Document, null);

        Assert.Contains("<p>a &lt;b&gt; &amp; <code>code|x</code></p>", html, StringComparison.Ordinal);
        Assert.Contains("<td>a|b</td><td><code>c</code></td>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Section</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<p><strong>PASS</strong> at 5/s</p>", html, StringComparison.Ordinal);
        Assert.Contains("<td>x</td><td class=\"num\">1.5</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_TableCells_PipesEscaped()
    {
        var markdown = MarkdownRenderer.Render(Document);

        Assert.Contains("| a\\|b | `c` |", markdown, StringComparison.Ordinal);
        Assert.Contains("- one\n- two\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| name | ms |\n|---|---:|\n| x | 1.5 |\n", markdown, StringComparison.Ordinal);
        Assert.StartsWith("# T\n\n## Section\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Provenance_ToolWithPipe_OneTableInBothFormats()
    {
        var manifest = RunManifest.Create("tool|x");

        var html = HtmlRenderer.Render(Document, ProvenanceBlock.Table(manifest));
        var markdown = ProvenanceBlock.Markdown(manifest);

        Assert.Contains("<div class=\"provenance\">", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>Tool</td><td>tool|x</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<td>Commit</td>", html, StringComparison.Ordinal);
        Assert.StartsWith("<!-- Provenance", markdown, StringComparison.Ordinal);
        Assert.Contains("| Tool | tool\\|x |", markdown, StringComparison.Ordinal);
        Assert.Contains("| Ended (UTC) | running |", markdown, StringComparison.Ordinal);
    }
}
