using Perf.Analysis.Capacity;
using Perf.Bench.Capacity;
using Perf.Bench.Plans;
using Perf.Bench.Queries;
using Perf.Bench.Statements;
using Telemetry.Data.Schema;

namespace Perf.Tests.Bench;

/// <summary>The protocol verdict follows the claims: adopt prepared statements only where they win and never lose.</summary>
public sealed class StatementsBenchmarkTests
{
    private static readonly ExactWork Work = new(1000, 40, 0, null, false, false, "range on idx_trades_profile_time");

    [Theory]
    [InlineData(new[] { "none", "none" }, StatementVerdict.NoDifference)]
    [InlineData(new[] { "faster", "none" }, StatementVerdict.Adopt)]
    [InlineData(new[] { "slower", "none" }, StatementVerdict.KeepBaseline)]
    [InlineData(new[] { "faster", "slower" }, StatementVerdict.Mixed)]
    [InlineData(new[] { "cannot tell", "none" }, StatementVerdict.CannotTell)]
    public void Decide_FollowsTheClaims(string[] outcomes, StatementVerdict expected) =>
        Assert.Equal(expected, StatementsBenchmark.Decide([.. outcomes.Select(Comparison)]));

    [Fact]
    public void Conclusion_CountsEachOutcome()
    {
        var comparisons = new[] { Comparison("faster"), Comparison("none"), Comparison("none") };
        var text = StatementReport.Conclusion("prepared, no reset", comparisons, StatementsBenchmark.Decide(comparisons));

        Assert.StartsWith("`prepared, no reset`: adopt it:", text, StringComparison.Ordinal);
        Assert.Contains("faster on 1, slower on 0, no measurable difference on 2 of 3", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Conclusion_TooFewRounds_CountedApartAndSaid()
    {
        var comparisons = new[] { Comparison("cannot tell"), Comparison("cannot tell"), Comparison("none") };
        var text = StatementReport.Conclusion("prepared", comparisons, StatementsBenchmark.Decide(comparisons));

        Assert.StartsWith("`prepared`: cannot tell with these rounds", text, StringComparison.Ordinal);
        Assert.Contains("no measurable difference on 1, too few rounds to tell on 2 of 3", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_OneTablePerCandidate_ARowPerComparison()
    {
        var comparisons = new[] { Comparison("faster"), Comparison("slower"), Comparison("none") with { Protocol = "text, no reset" } };
        var verdicts = new Dictionary<string, StatementVerdict> { ["prepared"] = StatementVerdict.Mixed, ["text, no reset"] = StatementVerdict.NoDifference };
        var document = StatementReport.Build(comparisons, verdicts, StatementsBenchmark.Thresholds);
        var tables = document.Blocks.OfType<Perf.Harness.Reports.ReportTable>().ToList();

        Assert.Equal(2, tables.Count);
        Assert.Equal(["faster", "slower"], tables[0].Rows.Select(r => r[^1]));
        Assert.Equal(["no measurable difference"], tables[1].Rows.Select(r => r[^1]));
        Assert.Contains("`prepared`: mixed", Assert.IsType<Perf.Harness.Reports.ReportList>(document.Blocks[0]).Items[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_AClaimWhereAQueryTimedOut_CannotTellNotAdopt()
    {
        var comparisons = new[] { Comparison("faster") with { TimedOut = true }, Comparison("none") };

        Assert.Equal(StatementVerdict.CannotTell, StatementsBenchmark.Decide(comparisons));
        var text = StatementReport.Conclusion("prepared", comparisons, StatementsBenchmark.Decide(comparisons));
        Assert.StartsWith("`prepared`: cannot tell, as a query ran past the command timeout", text, StringComparison.Ordinal);
        Assert.Contains("faster on 0, slower on 0, no measurable difference on 1, ran past the command timeout on 1 of 2", text, StringComparison.Ordinal);
        Assert.Contains("geometric mean 1.01", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_FasterElsewhereButTheCandidateRanPastTheTimeout_CannotTellNotAdopt()
    {
        var comparisons = new[] { Comparison("faster"), Comparison("none") with { TimedOut = true, CandidateTimedOut = true }, Comparison("none") };

        Assert.Equal(StatementVerdict.CannotTell, StatementsBenchmark.Decide(comparisons));
        var text = StatementReport.Conclusion("prepared", comparisons, StatementsBenchmark.Decide(comparisons));
        Assert.StartsWith("`prepared`: cannot tell, as it ran past the command timeout on 1 (query, variant) pairs, where it may be slower, though faster elsewhere, so the baseline stays:", text, StringComparison.Ordinal);
        Assert.Contains("faster on 1, slower on 0, no measurable difference on 1, ran past the command timeout on 1 of 3", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_FasterElsewhereAndOnlyTheBaselineRanPastTheTimeout_Adopt()
    {
        var comparisons = new[] { Comparison("faster"), Comparison("none") with { TimedOut = true } };

        Assert.Equal(StatementVerdict.Adopt, StatementsBenchmark.Decide(comparisons));
    }

    [Fact]
    public void Build_TimedOutPair_FlaggedAndWorkNotClaimedPerProtocol()
    {
        var comparisons = new[] { Comparison("slower") with { TimedOut = true } };
        var document = StatementReport.Build(comparisons, new Dictionary<string, StatementVerdict> { ["prepared"] = StatementVerdict.CannotTell }, StatementsBenchmark.Thresholds);

        var row = Assert.Single(Assert.Single(document.Blocks.OfType<Perf.Harness.Reports.ReportTable>()).Rows);
        Assert.Equal("ran past the command timeout: not compared", row[^1]);
        var method = document.Blocks.OfType<Perf.Harness.Reports.ReportParagraph>().First().Text;
        Assert.Contains("captured once with the text protocol", method, StringComparison.Ordinal);
        Assert.DoesNotContain("Every protocol runs the same plan", method, StringComparison.Ordinal);
    }

    /// <summary>The baseline's 11th round ran past the command timeout: without the flag its rounds would make the candidate "faster".</summary>
    [Fact]
    public void Compare_BaselineRanPastTheTimeout_FlaggedNotClaimed()
    {
        var query = QueryCatalog.TradePage(QueryCatalogTests.Context, ProfileKind.Hot, QueryWindow.SevenDays);
        var plan = new PlanResult(query.Name, SchemaVariant.Composite, "range", "idx_trades_profile_time", ["profile_id", "entry_time"], [], false, false,
            1000, 1000, 1000, new HandlerReads(0, 1, 0, 999, 0, 0, 0), 1.0, "SELECT 1", "", "{}", "{}");
        var samples = InterleavedSampler.NewGrid(StatementProtocol.All.Count, 1);
        for (var round = 0; round < 11; round++)
        {
            samples[0, 0].Add([10, 10.5, 11], new PageCounts(0, 0, 3), timedOut: round == 10);
            for (var arm = 1; arm < StatementProtocol.All.Count; arm++)
            {
                samples[arm, 0].Add([1, 1.5, 2], new PageCounts(0, 0, 3));
            }
        }

        var comparisons = StatementsBenchmark.Compare([SchemaVariant.Composite], [query], [plan], samples, new double[StatementProtocol.All.Count, 1]);

        Assert.Equal(StatementProtocol.Candidates.Count, comparisons.Count);
        Assert.All(comparisons, c => Assert.True(c.TimedOut && !c.CandidateTimedOut && c.Result.IsClaim && !c.Faster, $"{c.Protocol}: timed out {c.TimedOut}, candidate {c.CandidateTimedOut}, claim {c.Result.IsClaim}, faster {c.Faster}"));
        Assert.Equal(StatementVerdict.CannotTell, StatementsBenchmark.Decide(comparisons));
    }

    private static StatementComparison Comparison(string outcome)
    {
        var (kind, ratio, timing) = outcome switch
        {
            "faster" => (DifferenceKind.TimingDiffers, 0.8, TimingVerdict.Faster),
            "slower" => (DifferenceKind.TimingDiffers, 1.25, TimingVerdict.Slower),
            "cannot tell" => (DifferenceKind.CannotTell, 1.25, TimingVerdict.CannotTell),
            _ => (DifferenceKind.SamePlanNoDifference, 1.01, TimingVerdict.NoDifference),
        };
        var text = OrderStatistics.Estimate([.. Enumerable.Range(1, 60).Select(i => 1.0 + (i / 600.0))], 50);
        var prepared = OrderStatistics.Estimate([.. Enumerable.Range(1, 60).Select(i => ratio * (1.0 + (i / 600.0)))], 50);
        return new StatementComparison("prepared", "trades_page/hot/7d", SchemaVariant.Composite, new VariantComparison(kind, Work, Work, prepared, text, 0.001, 0.05, ratio, timing), 1);
    }
}
