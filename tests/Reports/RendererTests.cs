using Perf.Harness.Reports;

namespace Perf.Tests.Reports;

public sealed class RendererTests
{
    private static readonly ReportDocument Document = new("T", [
        new ReportHeading(1, "Section"),
        new ReportParagraph("a <b> & `code|x`"),
        new ReportTable(["k", "v"], [["a|b", "`c`"]]),
        new ReportList(["one", "two"]),
    ]);

    [Fact]
    public void Html_TextAndCode_EscapedAndSpanned()
    {
        var html = HtmlRenderer.Render(Document, null);

        Assert.Contains("<p>a &lt;b&gt; &amp; <code>code|x</code></p>", html, StringComparison.Ordinal);
        Assert.Contains("<td>a|b</td><td><code>c</code></td>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Section</h2>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_TableCells_PipesEscaped()
    {
        var markdown = MarkdownRenderer.Render(Document);

        Assert.Contains("| a\\|b | `c` |", markdown, StringComparison.Ordinal);
        Assert.Contains("- one\n- two\n", markdown, StringComparison.Ordinal);
        Assert.StartsWith("# T\n\n## Section\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void FromMarkdown_ProvenanceTable_ParsedWithEscapedPipes()
    {
        var table = ReportTable.FromMarkdown("<!-- x -->\n| Provenance | |\n|---|---|\n| Tool | a \\| b |\n| Commit | abc |\n");

        Assert.Equal(["Provenance", ""], table.Header);
        Assert.Equal([["Tool", "a | b"], ["Commit", "abc"]], table.Rows);
    }
}
