using Perf.Bench.Gate;
using Perf.Bench.Plans;
using Perf.Harness;
using Perf.Harness.Results;
using Telemetry.Data.Schema;

namespace Perf.Tests.Bench;

public sealed class PlanGateTests
{
    [Fact]
    public void Check_SamePlans_Passes()
    {
        var plans = new[] { Plan("range", "idx_trades_profile_time", 1_001), Plan("ref", "uk_metrics_window", 30, query: "metrics/daily") };

        var result = PlanGate.Check(PlanBaseline.From("d", "s", plans), plans);

        Assert.True(result.Passed, string.Join("\n", result.Failures));
        Assert.Equal(2, result.Checked);
    }

    [Fact]
    public void Check_IndexDroppedToFullScan_FailsWithReadableDiff()
    {
        var baseline = PlanBaseline.From("d", "s", [Plan("range", "idx_trades_profile_time", 1_001)]);

        var result = PlanGate.Check(baseline, [Plan("ALL", null, 2_000_000)]);

        var failure = Assert.Single(result.Failures);
        Assert.StartsWith("trades_by_profile/Composite: was range on idx_trades_profile_time, 1,001 rows; now ALL, 2,000,000 rows", failure, StringComparison.Ordinal);
        Assert.Contains("index idx_trades_profile_time no longer used", failure, StringComparison.Ordinal);
        Assert.Contains("exceed the bound of 1,001", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_OneRowMoreOnSameIndex_Fails()
    {
        var baseline = PlanBaseline.From("d", "s", [Plan("range", "idx_trades_profile_time", 1_000)]);

        Assert.True(PlanGate.Check(baseline, [Plan("range", "idx_trades_profile_time", 1_000)]).Passed);
        Assert.True(PlanGate.Check(baseline, [Plan("range", "idx_trades_profile_time", 999)]).Passed);
        Assert.Contains("1,001 rows read exceed the bound of 1,000", Assert.Single(PlanGate.Check(baseline, [Plan("range", "idx_trades_profile_time", 1_001)]).Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RangeBecomesRefOnTheSameIndex_PassesWithinTheBound()
    {
        var baseline = PlanBaseline.From("d", "s", [Plan("range", "idx_trades_profile_time", 1_000)]);

        Assert.True(PlanGate.Check(baseline, [Plan("ref", "idx_trades_profile_time", 1_000)]).Passed);
        Assert.Contains("access changed from range to a scan (index)", Assert.Single(PlanGate.Check(baseline, [Plan("index", "idx_trades_profile_time", 1_000)]).Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Differences_SameDatasetAndServer_None() =>
        Assert.Empty(PlanBaseline.From("seed 42, checksum abc", "MariaDb 10.11.14", []).Differences("seed 42, checksum abc", "MariaDb 10.11.14"));

    [Fact]
    public void Differences_OtherDatasetOrServer_OneLineEach()
    {
        // Exact row bounds hold for one dataset on one server build: the gate refuses (exit 111) when either differs.
        var baseline = PlanBaseline.From("seed 42, checksum abc", "MariaDb 10.11.14", []);

        Assert.Equal(["dataset: baseline seed 42, checksum abc, this run seed 42, checksum abd"], baseline.Differences("seed 42, checksum abd", "MariaDb 10.11.14"));
        Assert.Equal(["server: baseline MariaDb 10.11.14, this run MariaDb 10.11.15"], baseline.Differences("seed 42, checksum abc", "MariaDb 10.11.15"));
        Assert.Equal(2, baseline.Differences("seed 7, checksum abc", "MySql 8.4.3").Count);
    }

    [Fact]
    public void Differences_SameChecksumOtherRows_AnotherDataset()
    {
        // The seed's checksum covers the generated trades and health rows only: the same seed without metric windows, or
        // with an append on another base, has the same checksum and other rows, and gives other handler reads.
        var seeded = new DatasetInfo(42, "gate", new Dictionary<string, long> { ["dd_trade_performance"] = 200_000, ["dd_system_health"] = 172_800, ["dd_telemetry_metrics"] = 9_000 }, "1bce43cc");
        var noMetrics = seeded with { RowCounts = new Dictionary<string, long>(seeded.RowCounts) { ["dd_telemetry_metrics"] = 0 } };
        var baseline = PlanBaseline.From(seeded.Describe(), "s", []);

        Assert.Empty(baseline.Differences((seeded with { RowCounts = seeded.RowCounts.Reverse().ToDictionary() }).Describe(), "s"));
        Assert.Equal(
            "dataset: baseline gate seed 42 checksum 1bce43cc, rows dd_system_health 172800, dd_telemetry_metrics 9000, dd_trade_performance 200000, this run gate seed 42 checksum 1bce43cc, rows dd_system_health 172800, dd_telemetry_metrics 0, dd_trade_performance 200000",
            Assert.Single(baseline.Differences(noMetrics.Describe(), "s")));
    }

    [Fact]
    public async Task ReadAsync_TheCommittedBaseline_ReadsEveryEntry()
    {
        var baseline = await PlanBaseline.ReadAsync(Path.Combine(RepositoryPaths.FindRoot(), "bench", "plan-baseline.json"), TestContext.Current.CancellationToken);

        Assert.NotEmpty(baseline.Entries);
        Assert.All(baseline.Entries, e => Assert.False(string.IsNullOrEmpty(e.Query)));
    }

    [Theory]
    [InlineData("not json", "is not a plan baseline: ")]
    [InlineData("{\"dataset\": \"d\", \"server\": \"s\"}", "is not a plan baseline: JSON deserialization for type 'Perf.Bench.Gate.PlanBaseline' was missing required properties including: 'entries'.")]
    [InlineData("{\"dataset\": \"d\", \"server\": \"s\", \"entries\": [null]}", "is not a plan baseline: ")]
    [InlineData("null", "holds no baseline.")]
    [InlineData($"{{\"dataset\": \"d\", \"server\": \"s\", \"entries\": [{Entry}]}}", "is not a plan baseline: health/hot/Basic has rowsRead 32, maxRowsRead -1 and partitions 0; each must be 0 or more.", "\"maxRowsRead\": 32", "\"maxRowsRead\": -1")]
    [InlineData($"{{\"dataset\": \"d\", \"server\": \"s\", \"entries\": [{Entry}]}}", "is not a plan baseline: health/hot/Basic has rowsRead -1, maxRowsRead 32 and partitions 0; each must be 0 or more.", "\"rowsRead\": 32", "\"rowsRead\": -1")]
    [InlineData($"{{\"dataset\": \"d\", \"server\": \"s\", \"entries\": [{Entry}]}}", "is not a plan baseline: health/hot/Basic has rowsRead 32, maxRowsRead 32 and partitions -2; each must be 0 or more.", "\"partitions\": 0", "\"partitions\": -2")]
    [InlineData($"{{\"dataset\": \"d\", \"server\": \"s\", \"entries\": [{Entry}, {Entry}]}}", "is not a plan baseline: health/hot/Basic has 2 entries.")]
    public async Task ReadAsync_NotABaseline_InvalidDataNamingTheFile(string content, string says, string find = "", string replace = "")
    {
        var path = Path.Combine(Path.GetTempPath(), $"perf-baseline-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, find.Length == 0 ? content : content.Replace(find, replace, StringComparison.Ordinal), TestContext.Current.CancellationToken);
        try
        {
            var error = await Assert.ThrowsAsync<InvalidDataException>(() => PlanBaseline.ReadAsync(path, TestContext.Current.CancellationToken));

            Assert.StartsWith($"{path} {says}", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Report_ComparedAcrossEnvironments_SaysSoInEveryOutput()
    {
        var plans = new[] { Plan("range", "idx_trades_profile_time", 1_001) };
        var baseline = PlanBaseline.From("gate seed 42 checksum aaaa", "s", plans);
        var differences = baseline.Differences("gate seed 42 checksum bbbb", "s");

        var across = PlanGate.Check(baseline, plans) with { EnvironmentDifferences = differences };
        var same = PlanGate.Check(baseline, plans);

        // A pass across datasets is no pass on this data alone: the title, the first paragraph and the console line say so.
        Assert.Equal("Plan gate: passed, against another environment", across.Report("plan-baseline.json").Title);
        var first = Assert.IsType<Perf.Harness.Reports.ReportParagraph>(across.Report("plan-baseline.json").Blocks[0]);
        Assert.Contains("dataset: baseline gate seed 42 checksum aaaa, this run gate seed 42 checksum bbbb", first.Text, StringComparison.Ordinal);
        Assert.Equal("passed (1 plans, against a baseline from another environment)", across.Summary);
        Assert.Equal("Plan gate: passed", same.Report("plan-baseline.json").Title);
        Assert.Equal("passed (1 plans)", same.Summary);
    }

    [Fact]
    public void Check_MorePartitionsOrNewFilesort_Fails()
    {
        var baseline = PlanBaseline.From("d", "s", [Plan("range", "idx_trades_profile_time_id", 100, partitions: ["p2025_11"])]);

        var result = PlanGate.Check(baseline, [Plan("range", "idx_trades_profile_time_id", 100, partitions: ["p2025_10", "p2025_11"], filesort: true)]);

        var failure = Assert.Single(result.Failures);
        Assert.Contains("2 partitions touched, was 1", failure, StringComparison.Ordinal);
        Assert.Contains("a filesort appeared", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_BaselinePlansNotCaptured_CountedApartFromThoseChecked()
    {
        var captured = new[] { Plan("range", "idx_a", 10, query: "a"), Plan("range", "idx_a", 10, query: "b") };
        var baseline = PlanBaseline.From("d", "s", [.. captured, Plan("range", "idx_a", 10, query: "c"), Plan("range", "idx_a", 10, query: "d")]);

        var someMissing = PlanGate.Check(baseline, captured);
        var noneCaptured = PlanGate.Check(baseline, []);

        Assert.Equal("FAILED (0 of 2 plans checked, 2 baseline plans not captured)", someMissing.Summary);
        Assert.Equal("FAILED (0 of 0 plans checked, 4 baseline plans not captured)", noneCaptured.Summary);
        Assert.Equal("FAILED (1 of 1 plans checked)", PlanGate.Check(PlanBaseline.From("d", "s", [captured[0]]), [Plan("ALL", null, 10, query: "a")]).Summary);
    }

    [Fact]
    public void Check_MissingAndUnknownPlans_Fail()
    {
        var baseline = PlanBaseline.From("d", "s", [Plan("range", "idx_a", 10, query: "old_query")]);

        var result = PlanGate.Check(baseline, [Plan("range", "idx_a", 10, query: "new_query")]);

        Assert.Equal(2, result.Failures.Count);
        Assert.Contains(result.Failures, f => f.StartsWith("new_query/Composite: not in the baseline", StringComparison.Ordinal));
        Assert.Contains(result.Failures, f => f.StartsWith("old_query/Composite: in the baseline but not captured", StringComparison.Ordinal));
    }

    /// <summary>One baseline entry as the file holds it.</summary>
    private const string Entry = """{"query": "health/hot", "variant": "Basic", "accessType": "ref", "index": "idx_health_profile_time", "rowsRead": 32, "maxRowsRead": 32, "partitions": 0, "filesort": false}""";

    private static PlanResult Plan(
        string access, string? index, long rows, string query = "trades_by_profile", IReadOnlyList<string>? partitions = null, bool filesort = false) =>
        new(query, SchemaVariant.Composite, access, index, index is null ? [] : ["profile_id", "entry_time"], partitions ?? [], filesort, false,
            rows, rows, Math.Min(rows, 1000), new HandlerReads(0, 1, 0, rows - 1, 0, 0, 0), 1.0, "SELECT 1", "", "{}", "{}");
}
