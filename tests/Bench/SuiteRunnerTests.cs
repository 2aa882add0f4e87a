using Perf.Bench.Cli;
using Perf.Bench.Suite;

namespace Perf.Tests.Bench;

public sealed class SuiteRunnerTests
{
    /// <summary>The manifest's <c>preset</c> is the job that timed the suite: BenchmarkDotNet's <c>--job</c> replaces the preset's.</summary>
    [Theory]
    [InlineData("--mode|ci|--filter|*Deep*", "ci")]
    [InlineData("--filter|*Deep*", "full")]
    [InlineData("--mode|ci|--filter|*Deep*|--job|short", "--job short")]
    [InlineData("--mode|ci|-j|dry", "--job dry")]
    [InlineData("--job=medium", "--job medium")]
    public void Job_WhatTimesTheSuite(string args, string expected)
    {
        var options = BenchCli.ParseOptions(args.Split('|'));

        Assert.Equal(expected, SuiteRunner.Job(options.Preset, options.BenchmarkArgs));
    }
}
