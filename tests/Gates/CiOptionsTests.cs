using Perf.Analysis.Gates;
using Perf.Bench.CiGate;
using Perf.Harness.CommandLine;
using Perf.Load.Reports;
using Perf.Load.Thresholds;
using Telemetry.CommandLine;
using Telemetry.Data.Schema;

namespace Perf.Tests.Gates;

public sealed class CiOptionsTests
{
    [Fact]
    public void Parse_Defaults_AreTheDocumentedOnes()
    {
        var options = CiOptions.Parse([]);

        Assert.Equal(3, options.Suites.Count);
        Assert.True(CiOptions.AllSuites.All(options.Suites.Contains));
        Assert.Null(options.BaseRevision);
        Assert.Null(options.BaselineDirectory);
        Assert.Equal(1.5, options.Timing.MaxRatio);
        Assert.Equal(0.01, options.Timing.Alpha);
        Assert.Equal(0.05, options.Timing.MinDifferenceMs);
        Assert.Equal(8, options.Rounds);
        Assert.Equal(SchemaVariant.Composite, options.Variant);
        // 600 requests: enough to bound a p99 (368) with the second largest as its upper end, not the maximum.
        Assert.Equal((20.0, TimeSpan.FromSeconds(30)), (options.LoadRate, options.LoadDuration));
    }

    [Theory]
    [InlineData("--max-ratio", "1")]
    [InlineData("--min-difference", "-0.01")]
    [InlineData("--rounds", "4")]
    [InlineData("--only", "speed")]
    [InlineData("--variant", "sharded")]
    [InlineData("--update-baseline", null)]
    [InlineData("--unknown", "1")]
    public void Parse_BadInput_Throws(string flag, string? value) =>
        Assert.Throws<UsageException>(() => CiOptions.Parse(value is null ? [flag] : [flag, value]));

    [Theory]
    [InlineData("6", null, false)] // paired against a base revision: 2^-6 = 0.016 cannot reach 0.01
    [InlineData("7", null, true)]
    [InlineData("5", "/tmp/b", true)] // independent against a stored baseline: 1/C(10, 5) = 0.004
    [InlineData("4", "/tmp/b", false)]
    public void Parse_Rounds_MustReachAlphaForTheDesign(string rounds, string? baseline, bool valid)
    {
        string[] args = baseline is null ? ["--rounds", rounds] : ["--rounds", rounds, "--baseline", baseline];

        if (valid)
        {
            Assert.Equal(int.Parse(rounds, System.Globalization.CultureInfo.InvariantCulture), CiOptions.Parse(args).Rounds);
        }
        else
        {
            Assert.Contains("cannot reach p < 0.01", Assert.Throws<UsageException>(() => CiOptions.Parse(args)).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ReadRates_NoArguments_TimingsOnlyAgainstHead()
    {
        // ci-rates has no --rate or --only: the load check's settings must not make its defaults invalid.
        var lines = new CiCommandLine(new HarnessOptions());

        var options = lines.ReadRates(CommandLineRunner.Parse(lines.CreateRates([]), []));

        Assert.Equal([TimingGate.Suite], options.Suites);
        Assert.Equal("HEAD", options.BaseRevision);
        Assert.Equal(8, options.Rounds);
    }

    [Theory]
    [InlineData("--only", "plans", "--rate", "30", "--rate applies to the load suite, which this run leaves out (--only plans).")]
    [InlineData("--only", "plans", "--baseline", "/tmp/b", "--baseline applies to the timings suite, which this run leaves out (--only plans).")]
    [InlineData("--only", "load", "--base", "main", "--base applies to the plans and timings suites, which this run leaves out (--only load).")]
    [InlineData("--only", "timings", "--plan-baseline", "p.json", "--plan-baseline applies to the plans suite, which this run leaves out (--only timings).")]
    public void Parse_OptionOfASuiteNotRun_Throws(string only, string suites, string flag, string value, string message) =>
        Assert.Equal(message, Assert.Throws<UsageException>(() => CiOptions.Parse([only, suites, flag, value])).Message);

    [Theory]
    [InlineData("10", "30s", false)] // 300 requests: a p99 needs 368 to be bounded at all
    [InlineData("10", "37s", true)] // 370
    [InlineData("20", "18s", false)] // 360
    public void Parse_LoadTooShortForItsP99_Throws(string rate, string duration, bool valid)
    {
        string[] args = ["--only", "load", "--rate", rate, "--duration", duration];

        if (valid)
        {
            Assert.Equal(double.Parse(rate, System.Globalization.CultureInfo.InvariantCulture), CiOptions.Parse(args).LoadRate);
        }
        else
        {
            Assert.Contains("the load check's p(99)<1000 threshold needs at least 368 to be judged", Assert.Throws<UsageException>(() => CiOptions.Parse(args)).Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Parse_BaseAndBaseline_Throws() =>
        Assert.Throws<UsageException>(() => CiOptions.Parse(["--base", "main", "--baseline", "/tmp/b"]));

    [Theory]
    [InlineData(null, null, null, false)]
    [InlineData("drop-index:idx_metrics_profile_window", "idx_metrics_profile_window", null, false)]
    [InlineData("slow:trades_page/hot/7d, crash:confirm", null, "trades_page/hot/7d", true)]
    public void GateFaultParse_Values_AreRead(string? value, string? index, string? slow, bool crash)
    {
        var fault = GateFault.Parse(value);

        Assert.Equal(new GateFault(index, slow, crash), fault);
        Assert.Equal(value is not null, fault.Any);
    }

    [Theory]
    [InlineData(null, null, 1)]
    [InlineData("summary/hot/30d", "summary/hot/30d", 2)]
    [InlineData("summary/hot/30d*5", "summary/hot/30d", 5)]
    public void ProbeSlowdown_CaseAndFactor_AreRead(string? value, string? name, int factor) =>
        Assert.Equal((name, factor), ProbeCommand.Slowdown(value));

    [Theory]
    // The exit code and the thresholds disagree, or there is nothing to judge: an error, never a pass.
    [InlineData(0, false)]
    [InlineData(99, true)]
    public void LoadInterpret_ExitCodeContradictsThresholds_Error(int exitCode, bool thresholdPassed)
    {
        var checks = LoadStep.Interpret("load", exitCode, [new ThresholdResult("p(99) < 1000ms", "total", 30, "30 ms", thresholdPassed, 1000)], 1);

        Assert.Equal(GateOutcome.Error, checks[0].Outcome);
    }

    [Fact]
    public void LoadInterpret_PassedWithNoThresholds_Error() =>
        Assert.Equal(GateOutcome.Error, LoadStep.Interpret("load", 0, [], 1)[0].Outcome);

    [Fact]
    public void LoadInterpret_NoSummary_Error() =>
        Assert.Equal(GateOutcome.Error, LoadStep.Interpret("load", 0, null, 1)[0].Outcome);

    [Fact]
    public void LoadInterpret_ThresholdFailedExit99_ValidRunWithTheFailedCheck()
    {
        var checks = LoadStep.Interpret("load", 99, [new ThresholdResult("p(99) < 1000ms", "total", 3000, "3 s", false, 1000)], 1);

        Assert.Equal(GateOutcome.Passed, checks[0].Outcome);
        Assert.Equal(GateOutcome.Failed, checks[1].Outcome);
    }

    [Theory]
    [InlineData("trades_page/hot/7d", "trades_page/hot/7d")]
    [InlineData("summary/hot/30d*3", "summary/hot/30d")]
    public void RatesSlowCase_ATimedQuery_IsItsName(string slow, string name) =>
        Assert.Equal(name, ErrorRatesCommand.SlowCase(slow, []));

    [Theory]
    [InlineData("nosuch", "")]
    [InlineData("trades_page/hot/7d*0", "")]
    [InlineData("trades_page/hot/7d", "summary")] // a --cases filter that leaves it out
    public void RatesSlowCase_NoTimedQuery_ThrowsBeforeAnyRun(string slow, string cases) =>
        Assert.Throws<UsageException>(() => ErrorRatesCommand.SlowCase(slow, cases.Length == 0 ? [] : [cases]));

    [Fact]
    public void GateFaultParse_Unknown_Throws() =>
        Assert.Throws<ArgumentException>(() => GateFault.Parse("slow"));

    [Theory]
    [InlineData(0, GateOutcome.Passed)]
    [InlineData(110, GateOutcome.Error)]
    [InlineData(104, GateOutcome.Error)]
    [InlineData(1, GateOutcome.Error)]
    [InlineData(137, GateOutcome.Error)]
    public void LoadInterpret_ExitCodes_FailClosed(int exitCode, GateOutcome expected)
    {
        var checks = LoadStep.Interpret("load", exitCode, [new ThresholdResult("p(99) < 1000ms", "total", 30, "30 ms", true, 1000)], 1);

        Assert.Equal(expected, checks[0].Outcome);
        Assert.Equal(GateOutcome.Passed, checks[1].Outcome);
    }

    [Fact]
    public void LoadInterpret_NotSettled_NoVerdictNotARegression()
    {
        var straddling = new ThresholdResult("p(95) < 500ms", "total", 480, "480 ms [450–520]", false, 1000) { Settled = false };

        var checks = LoadStep.Interpret("load", ExitCodes.InvalidRun, [straddling], 1, Verdict.NotSettled);
        var report = new GateReport(checks, []);

        Assert.Equal([GateOutcome.Error, GateOutcome.Error], checks.Select(c => c.Outcome));
        Assert.StartsWith("not settled: ", checks[0].Message, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InvalidRun, report.ExitCode);
    }

    [Fact]
    public void LoadInterpret_ThresholdFailed_IsARegression()
    {
        var checks = LoadStep.Interpret("load", 99, [new ThresholdResult("p(95) < 500ms", "total", 730, "730 ms", false, 1000)], 1);
        var report = new GateReport(checks, []);

        Assert.Equal(ExitCodes.ThresholdsFailed, report.ExitCode);
        Assert.Contains("load/p(95) < 500ms: actual 730 ms", report.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadInterpret_NoSummary_IsAnError()
    {
        var check = Assert.Single(LoadStep.Interpret("load", 0, null, 1));

        Assert.Equal(GateOutcome.Error, check.Outcome);
        Assert.Contains("wrote no summary", check.Message, StringComparison.Ordinal);
    }
}
