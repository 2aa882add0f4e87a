using System.Text.Json;
using Perf.Bench.Capacity;
using Perf.Harness.Reports;
using Perf.Harness.Results;
using Perf.Load.Capacity;
using Perf.Load.Reports;

namespace Perf.Tests.Load;

/// <summary>A capacity search that stopped on an INVALID step (its generator could not keep the schedule) bounds the capacity from below only.</summary>
public sealed class CapacityInvalidStopTests
{
    private static readonly RunConfiguration Configuration = new("t", "dashboard:1", "open", "rate", 10, 0, 0, 1, 0, false, 30, 1, [], null);

    private static CapacityStep Step(double rate, Verdict verdict) =>
        new(rate, verdict, rate, 40, 90, 0, verdict == Verdict.Invalid ? 140 : 2, verdict == Verdict.Invalid ? ["dispatch-lag p99 140 ms exceeds 100 ms"] : []) { Samples = 1000 };

    [Fact]
    public async Task StoppedInvalidAfterAPass_ReportAndSweepTakeALowerBound()
    {
        var result = new CapacityResult(20, 40, Configuration, [Step(20, Verdict.Pass), Step(40, Verdict.Invalid)]);

        var facts = Assert.Single(CapacityReport.Build(result).Blocks.OfType<ReportList>());
        Assert.Contains(facts.Items, i => i.Contains("stopped at 40/s on an INVALID step", StringComparison.Ordinal) && i.Contains("the capacity is at least this", StringComparison.Ordinal));
        Assert.DoesNotContain(facts.Items, i => i.Contains("first failing step", StringComparison.Ordinal));
        Assert.Equal(new CapacityFinding(20, true, null), await ReadBackAsync(result));
    }

    [Fact]
    public async Task StoppedInvalidAtTheLowestRate_SweepMeasuredNothing()
    {
        var invalid = new CapacityResult(null, 20, Configuration, [Step(20, Verdict.Invalid)]);
        var failed = new CapacityResult(null, 20, Configuration, [Step(20, Verdict.Fail)]);

        // INVALID at the lowest rate says nothing; FAIL there says the targets were met at no rate.
        Assert.Null(await ReadBackAsync(invalid));
        Assert.Equal(new CapacityFinding(0, false, null), await ReadBackAsync(failed));
    }

    [Fact]
    public async Task StoppedNotSettled_BoundsNothingAbove()
    {
        // A step whose threshold neither held nor was shown missed (an interval straddling the limit) is no proof the
        // capacity is under its rate: the search took it as one, and the overhead ratio's upper end with it.
        var result = new CapacityResult(20, 40, Configuration, [Step(20, Verdict.Pass), Step(40, Verdict.NotSettled)]);

        Assert.Null(result.UpperBound);
        var facts = Assert.Single(CapacityReport.Build(result).Blocks.OfType<ReportList>());
        Assert.Contains(facts.Items, i => i.Contains("stopped at 40/s on a NOT SETTLED step", StringComparison.Ordinal) && i.Contains("the capacity is at least this", StringComparison.Ordinal));
        Assert.Equal(new CapacityFinding(20, true, null), await ReadBackAsync(result));
        Assert.Null(await ReadBackAsync(new CapacityResult(null, 20, Configuration, [Step(20, Verdict.NotSettled)])));
    }

    [Fact]
    public async Task StoppedOnAFailure_TheCapacityIsBoundedAbove()
    {
        var result = new CapacityResult(20, 40, Configuration, [Step(20, Verdict.Pass), Step(40, Verdict.Fail)]);

        var facts = Assert.Single(CapacityReport.Build(result).Blocks.OfType<ReportList>());
        Assert.Contains(facts.Items, i => i.Contains("(first failing step: 40/s)", StringComparison.Ordinal));
        Assert.Equal(new CapacityFinding(20, false, null), await ReadBackAsync(result));
    }

    private static async Task<CapacityFinding?> ReadBackAsync(CapacityResult result)
    {
        var path = Path.Combine(LoadTestSupport.TempDirectory(), "capacity.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(result, ResultWriter.JsonOptions), TestContext.Current.CancellationToken);
        return await CapacityProbe.ReadAsync(path, TestContext.Current.CancellationToken);
    }
}
