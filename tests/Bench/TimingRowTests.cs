using System.Text.Json;
using Perf.Bench.Suite;
using Perf.Harness.Results;
using Telemetry.Data.Schema;

namespace Perf.Tests.Bench;

/// <summary><c>timings.json</c> names what BenchmarkDotNet measured: a percentile of iteration means, with how many there were, not a latency percentile.</summary>
public sealed class TimingRowTests
{
    [Fact]
    public void Json_PercentileOfIterationMeans_NamedSoWithTheIterationCount()
    {
        var json = JsonSerializer.SerializeToElement(new TimingRow("trades_page/hot/7d", SchemaVariant.Composite, 1.5, 1.9, 3, 4096), ResultWriter.JsonOptions);

        Assert.Equal(1.9, json.GetProperty("iterationMeanP95Ms").GetDouble());
        Assert.Equal(3, json.GetProperty("iterations").GetInt32());
        Assert.False(json.TryGetProperty("p95Ms", out _));
    }
}
