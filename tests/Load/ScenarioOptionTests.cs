using Perf.Load.Cli;
using Telemetry.CommandLine;

namespace Perf.Tests.Load;

/// <summary><c>--scenario</c>: names with weights, comma lists, and <c>get:</c> paths whose query strings hold '=' and ','.</summary>
public sealed class ScenarioOptionTests
{
    [Theory]
    [InlineData("trades=3", "trades", 3.0)]
    [InlineData("get:/api/trades/1=2", "get:/api/trades/1", 2.0)]
    // The query string's own '=' is not a weight: this requested /api/trades/1?limit at weight 20.
    [InlineData("get:/api/trades/1?limit=20", "get:/api/trades/1?limit=20", 1.0)]
    [InlineData("get:/api/trades/1?limit=20&symbol=AAPL", "get:/api/trades/1?limit=20&symbol=AAPL", 1.0)]
    [InlineData("get:/api/trades/1?limit=20=3", "get:/api/trades/1?limit=20", 3.0)]
    [InlineData("get:/api/trades/1?start_time=2025-09-01T00:00:00Z", "get:/api/trades/1?start_time=2025-09-01T00:00:00Z", 1.0)]
    // A comma inside a get: path's query string is the path's.
    [InlineData("get:/api/trades/1?symbols=AAPL,MSFT", "get:/api/trades/1?symbols=AAPL,MSFT", 1.0)]
    public void ParseScenarios_OneSpec_NameAndWeight(string spec, string name, double weight) =>
        Assert.Equal([(name, weight)], RunOptions.ParseScenarios([spec]));

    [Fact]
    public void ParseScenarios_CommaList_SplitIntoScenarios() =>
        Assert.Equal([("trades", 2.0), ("healthz", 1.0), ("get:/x?a=1", 1.0)], RunOptions.ParseScenarios(["trades=2, healthz", "get:/x?a=1"]));

    [Fact]
    public void ParseScenarios_BadWeightAfterAPath_UsageError() =>
        Assert.Contains("the weight after '=' must be a positive finite number", Assert.Throws<UsageException>(() => RunOptions.ParseScenarios(["get:/x=abc"])).Message, StringComparison.Ordinal);
}
