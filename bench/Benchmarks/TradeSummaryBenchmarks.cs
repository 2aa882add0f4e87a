using BenchmarkDotNet.Attributes;
using Perf.Bench.Queries;

namespace Perf.Bench.Benchmarks;

/// <summary>A profile's outcome summary per window: GROUP BY over raw rows up to 90 days, daily aggregates for a year.</summary>
public class TradeSummaryBenchmarks : QueryBenchmark
{
    /// <summary>Hot or cold profile.</summary>
    [ParamsAllValues]
    public ProfileKind Profile { get; set; }

    /// <summary>The window ending at the dataset's newest day.</summary>
    [ParamsAllValues]
    public QueryWindow Window { get; set; }

    /// <summary><c>TradeQueries.GetSummaryAsync</c>.</summary>
    [Benchmark]
    public Task<int> GetSummary() => RunCaseAsync();

    /// <inheritdoc />
    public override QueryCase CreateCase(QueryContext context) => QueryCatalog.Summary(context, Profile, Window);
}
