using System.Globalization;
using Perf.Analysis.Capacity;
using Perf.Harness.Reports;

namespace Perf.Bench.Statements;

/// <summary>The report of <c>bench statements</c>: the conclusion, then per query and variant both medians, the ratio, the rank test and the server's prepare count.</summary>
internal static class StatementReport
{
    /// <summary>The report's title.</summary>
    public const string Title = "Prepared statements against the text protocol";

    /// <summary>Builds the document.</summary>
    public static ReportDocument Build(IReadOnlyList<StatementComparison> comparisons, StatementVerdict verdict, ClaimThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        ArgumentNullException.ThrowIfNull(thresholds);
        var rows = comparisons.Select(c => (IReadOnlyList<string>)
        [
            $"`{c.Query}`",
            c.Variant.ToString(),
            ReportFormat.Number(c.Result.ReferenceWork.RowsExamined, 0),
            ReportFormat.Estimate(c.Result.ReferenceMedian),
            ReportFormat.Estimate(c.Result.CandidateMedian),
            c.Result.Ratio.ToString("0.00", CultureInfo.InvariantCulture),
            ReportFormat.PValue(c.Result.PValue),
            ReportFormat.Number(c.PreparesPerExecution, 2),
            Verdict(c.Result),
        ]).ToList();
        return new ReportDocument(Title,
        [
            new ReportParagraph(Conclusion(comparisons, verdict)),
            new ReportParagraph(string.Create(CultureInfo.InvariantCulture,
                $"Each (variant, protocol) is an arm of the interleaved rounds, so both protocols of a variant share the machine's drift. Medians over every execution with 95 % order-statistic intervals; the rank test is Mann–Whitney over round medians, held to α {ReportFormat.Alpha(comparisons.Count == 0 ? thresholds.Alpha : thresholds.Alpha / comparisons.Count)} (0.05 over {comparisons.Count} comparisons). A difference is claimed only when it is significant and at least {thresholds.MinRatio:0.##}× and {thresholds.MinAbsoluteMs:0.###} ms. Both protocols run the same plan: rows examined are the plan's exact handler reads.")),
            new ReportParagraph("Prepares per execution: the server's `Com_stmt_prepare` delta over a few executions after the rounds; 0 means each execution reused a statement its pooled connection had already prepared, 1 means every execution paid a prepare round trip."),
            new ReportTable(["Query", "Variant", "Rows examined", "Text p50", "Prepared p50", "Prepared ÷ text", "Rank test", "Prepares / execution", "Verdict"], rows)
            {
                NumericColumns = [2, 3, 4, 5, 7],
            },
        ]);
    }

    /// <summary>One sentence: the verdict and the counts it rests on.</summary>
    public static string Conclusion(IReadOnlyList<StatementComparison> comparisons, StatementVerdict verdict)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        var faster = comparisons.Count(c => c.Result.IsClaim && c.Result.CandidateBetter);
        var slower = comparisons.Count(c => c.Result.IsClaim && !c.Result.CandidateBetter);
        var ratios = comparisons.Where(c => c.Result.Ratio > 0).Select(c => Math.Log(c.Result.Ratio)).ToList();
        var geometricMean = ratios.Count == 0 ? 1 : Math.Exp(ratios.Average());
        var counts = string.Create(CultureInfo.InvariantCulture,
            $"prepared statements faster on {faster}, slower on {slower}, no measurable difference on {comparisons.Count - faster - slower} of {comparisons.Count} (query, variant) pairs; prepared ÷ text medians, geometric mean {geometricMean:0.00}");
        return verdict switch
        {
            StatementVerdict.AdoptPrepared => $"Adopt prepared statements: {counts}.",
            StatementVerdict.KeepText => $"Keep the text protocol: {counts}.",
            StatementVerdict.NoDifference => $"No measurable difference, so the text protocol stays (no statement handles held on the server): {counts}.",
            _ => $"Mixed: {counts}; decide per query from the table.",
        };
    }

    private static string Verdict(VariantComparison result) => result.Kind switch
    {
        DifferenceKind.TimingDiffers => result.CandidateBetter ? "prepared faster" : "prepared slower",
        DifferenceKind.WorkDiffers => "work differs (unexpected: same plan)",
        _ => "no measurable difference",
    };
}
