using System.Globalization;
using Perf.Analysis.Capacity;
using Perf.Harness.Reports;

namespace Perf.Bench.Statements;

/// <summary>The report of <c>bench statements</c>: a conclusion per candidate protocol, then per query and variant both medians, the ratio, the rank test and the server's prepare count.</summary>
internal static class StatementReport
{
    /// <summary>The report's title.</summary>
    public const string Title = "Prepared statements against the text protocol";

    /// <summary>Builds the document.</summary>
    public static ReportDocument Build(IReadOnlyList<StatementComparison> comparisons, IReadOnlyDictionary<string, StatementVerdict> verdicts, ClaimThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        ArgumentNullException.ThrowIfNull(verdicts);
        ArgumentNullException.ThrowIfNull(thresholds);
        var baseline = StatementProtocol.Baseline.Name;
        var blocks = new List<ReportBlock>
        {
            new ReportList([.. verdicts.Select(v => Conclusion(v.Key, [.. comparisons.Where(c => c.Protocol == v.Key)], v.Value))]),
            new ReportParagraph(string.Create(CultureInfo.InvariantCulture,
                $"Baseline: `{baseline}` (MySqlConnector's defaults, what the API runs). Each (variant, protocol) is an arm of the interleaved rounds, so all protocols of a variant share the machine's drift. Medians over every execution with 95 % order-statistic intervals; the rank test is Mann–Whitney over round medians, held to α {ReportFormat.Alpha(comparisons.Count == 0 ? thresholds.Alpha : thresholds.Alpha / comparisons.Count)} (0.05 over {comparisons.Count} comparisons). A difference is claimed only when it is significant and at least {thresholds.MinRatio:0.##}× and {thresholds.MinAbsoluteMs:0.###} ms. Rows examined are the exact handler reads of each variant's plan, captured once with the text protocol: the protocols' own work is not measured, so they are compared on timings alone. A pair in which either protocol ran past the command timeout is not compared: that time is a lower bound.")),
            new ReportParagraph("Prepares per execution: the server's `Com_stmt_prepare` delta over a few executions after the rounds; 0 means each execution reused a statement its pooled connection had already prepared, 1 means every execution paid a prepare round trip (a reset session closes its statements)."),
        };
        foreach (var group in comparisons.GroupBy(c => c.Protocol))
        {
            blocks.Add(new ReportHeading(2, $"`{group.Key}` against `{baseline}`"));
            blocks.Add(new ReportTable(["Query", "Variant", "Rows examined", $"{baseline} p50", $"{group.Key} p50", "Ratio", "Rank test", "Prepares / execution", "Verdict"],
                [.. group.Select(c => (IReadOnlyList<string>)
                [
                    $"`{c.Query}`",
                    c.Variant.ToString(),
                    ReportFormat.Number(c.Result.ReferenceWork.RowsExamined, 0),
                    ReportFormat.Estimate(c.Result.ReferenceMedian),
                    ReportFormat.Estimate(c.Result.CandidateMedian),
                    c.Result.Ratio.ToString("0.00", CultureInfo.InvariantCulture),
                    ReportFormat.PValue(c.Result.PValue),
                    ReportFormat.Number(c.PreparesPerExecution, 2),
                    c.TimedOut ? "ran past the command timeout: not compared" : Verdict(c.Result),
                ])])
            {
                NumericColumns = [2, 3, 4, 5, 7],
            });
        }

        return new ReportDocument(Title, blocks);
    }

    /// <summary>One sentence for a candidate: the verdict and the counts it rests on.</summary>
    public static string Conclusion(string protocol, IReadOnlyList<StatementComparison> comparisons, StatementVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        var faster = comparisons.Count(c => c.Faster);
        var slower = comparisons.Count(c => c.Slower);
        // A timed-out side's median rests on a lower bound: it stays out of the mean ratio.
        var ratios = comparisons.Where(c => !c.TimedOut && c.Result.Ratio > 0).Select(c => Math.Log(c.Result.Ratio)).ToList();
        var geometricMean = ratios.Count == 0 ? 1 : Math.Exp(ratios.Average());
        var prepares = comparisons.Count == 0 ? 0 : comparisons.Average(c => c.PreparesPerExecution);
        var cannotTell = comparisons.Count(c => !c.TimedOut && c.Result.Kind == DifferenceKind.CannotTell);
        var timedOut = comparisons.Count(c => c.TimedOut);
        var untested = string.Create(CultureInfo.InvariantCulture,
            $"{(cannotTell == 0 ? string.Empty : $", too few rounds to tell on {cannotTell}")}{(timedOut == 0 ? string.Empty : $", ran past the command timeout on {timedOut}")}");
        var counts = string.Create(CultureInfo.InvariantCulture,
            $"faster on {faster}, slower on {slower}, no measurable difference on {comparisons.Count - faster - slower - cannotTell - timedOut}{untested} of {comparisons.Count} (query, variant) pairs; medians ÷ the baseline's, geometric mean {geometricMean:0.00}; {prepares:0.##} prepares per execution");
        return verdict switch
        {
            StatementVerdict.Adopt => $"`{protocol}`: adopt it: {counts}.",
            StatementVerdict.KeepBaseline => $"`{protocol}`: keep the baseline: {counts}.",
            StatementVerdict.NoDifference => $"`{protocol}`: no measurable difference, so the baseline stays: {counts}.",
            StatementVerdict.CannotTell when faster > 0 => string.Create(CultureInfo.InvariantCulture,
                $"`{protocol}`: cannot tell, as it ran past the command timeout on {comparisons.Count(c => c.CandidateTimedOut)} (query, variant) pairs, where it may be slower, though faster elsewhere, so the baseline stays: {counts}."),
            StatementVerdict.CannotTell when cannotTell == 0 => $"`{protocol}`: cannot tell, as a query ran past the command timeout, so the baseline stays: {counts}.",
            StatementVerdict.CannotTell => $"`{protocol}`: cannot tell with these rounds, so the baseline stays until more rounds decide: {counts}.",
            _ => $"`{protocol}`: mixed, decide per query: {counts}.",
        };
    }

    private static string Verdict(VariantComparison result) => result.Kind switch
    {
        DifferenceKind.TimingDiffers => result.CandidateBetter ? "faster" : "slower",
        DifferenceKind.CannotTell => $"cannot tell with {result.Rounds} rounds: needs ≥ {result.RoundsNeeded}",
        _ => "no measurable difference",
    };
}
