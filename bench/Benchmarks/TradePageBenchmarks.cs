using BenchmarkDotNet.Attributes;
using Perf.Bench.Queries;

namespace Perf.Bench.Benchmarks;

/// <summary>The first page of a profile's trades per window: raw rows up to 90 days, daily buckets for a year.</summary>
public class TradePageBenchmarks : QueryBenchmark
{
    /// <summary>Hot or cold profile.</summary>
    [ParamsAllValues]
    public ProfileKind Profile { get; set; }

    /// <summary>The window ending at the dataset's newest day.</summary>
    [ParamsAllValues]
    public QueryWindow Window { get; set; }

    /// <summary><c>TradeQueries.GetTradesAsync</c>, first page of 1,000.</summary>
    [Benchmark]
    public Task<int> GetTrades() => RunCaseAsync();

    /// <inheritdoc />
    public override QueryCase CreateCase(QueryContext context) => QueryCatalog.TradePage(context, Profile, Window);
}
