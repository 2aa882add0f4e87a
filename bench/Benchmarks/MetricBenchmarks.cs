using BenchmarkDotNet.Attributes;
using Perf.Bench.Queries;
using Telemetry.Data.Model;

namespace Perf.Bench.Benchmarks;

/// <summary>The hot profile's windowed metrics per window type (hourly over 7 days, daily over 30, weekly and monthly over a year).</summary>
public class MetricBenchmarks : QueryBenchmark
{
    /// <summary>The aggregation window.</summary>
    [ParamsAllValues]
    public WindowType WindowType { get; set; }

    /// <summary><c>MetricQueries.GetMetricsAsync</c>, all series, first page of 1,000.</summary>
    [Benchmark]
    public Task<int> GetMetrics() => RunCaseAsync();

    /// <inheritdoc />
    public override QueryCase CreateCase(QueryContext context) => QueryCatalog.Metrics(context, WindowType);
}
