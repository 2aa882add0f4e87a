using BenchmarkDotNet.Attributes;
using Perf.Bench.Queries;

namespace Perf.Bench.Benchmarks;

/// <summary>The strategy document's "bad" query: all trades newest first with no filter (LIMIT 1,000 so it returns).</summary>
public class FullScanBenchmarks : QueryBenchmark
{
    /// <summary>A full scan and sort of <c>dd_trade_performance</c>.</summary>
    [Benchmark]
    public Task<int> ScanAllTrades() => RunCaseAsync();

    /// <inheritdoc />
    public override QueryCase CreateCase(QueryContext context) => QueryCatalog.FullScan();
}
