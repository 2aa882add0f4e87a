using BenchmarkDotNet.Attributes;
using Perf.Bench.Queries;

namespace Perf.Bench.Benchmarks;

/// <summary>The same deep page of the hot profile's last 30 days, reached by offset and by keyset cursor.</summary>
public class DeepPageBenchmarks : QueryBenchmark
{
    /// <summary>Offset or keyset.</summary>
    [ParamsAllValues]
    public PageKind Paging { get; set; }

    /// <summary><c>TradeQueries.GetTradesAsync</c>, a page of 100 half-way into the month (at most 10,000 rows deep).</summary>
    [Benchmark]
    public Task<int> GetDeepPage() => RunCaseAsync();

    /// <inheritdoc />
    public override QueryCase CreateCase(QueryContext context) => QueryCatalog.DeepPage(context, Paging);
}
