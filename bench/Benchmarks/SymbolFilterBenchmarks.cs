using BenchmarkDotNet.Attributes;
using Perf.Bench.Queries;

namespace Perf.Bench.Benchmarks;

/// <summary>The hot profile's trades of one symbol over 30 days: an equality filter the index does not lead with.</summary>
public class SymbolFilterBenchmarks : QueryBenchmark
{
    /// <summary><c>TradeQueries.GetTradesAsync</c> with a symbol filter.</summary>
    [Benchmark]
    public Task<int> GetTradesOfSymbol() => RunCaseAsync();

    /// <inheritdoc />
    public override QueryCase CreateCase(QueryContext context) => QueryCatalog.SymbolPage(context);
}
