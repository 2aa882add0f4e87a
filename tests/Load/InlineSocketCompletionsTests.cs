using Perf.Load.Execution;

namespace Perf.Tests.Load;

public sealed class InlineSocketCompletionsTests
{
    [Theory]
    [InlineData(true, "calibrate")]
    [InlineData(true, "calibrate", "--url", "http://127.0.0.1:8080/")]
    [InlineData(true, "run", "--url", "http://127.0.0.1:8080/", "--rate", "50")]
    [InlineData(true, "check", "--url=http://127.0.0.1:8080/")]
    [InlineData(true, "capacity", "--rate", "5", "--url", "http://api:80/")]
    [InlineData(false, "run", "--rate", "50", "--variant", "partitioned")]
    [InlineData(false, "check")]
    [InlineData(false, "testserver")]
    [InlineData(false, "merge", "a", "b")]
    [InlineData(false, "run", "--urls", "x")]
    [InlineData(false)]
    public void TargetsOtherProcess_CommandLine_OnlyWhenNothingElseHereUsesSockets(bool expected, params string[] args)
    {
        Assert.Equal(expected, InlineSocketCompletions.TargetsOtherProcess(args));
    }
}
