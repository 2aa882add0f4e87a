using BenchmarkDotNet.Attributes;
using Perf.Bench.Queries;

namespace Perf.Bench.Benchmarks;

/// <summary>A profile's most active script's health samples over 7 days.</summary>
public class HealthBenchmarks : QueryBenchmark
{
    /// <summary>Hot or cold profile.</summary>
    [ParamsAllValues]
    public ProfileKind Profile { get; set; }

    /// <summary><c>HealthQueries.GetHealthAsync</c>, first page of 1,000.</summary>
    [Benchmark]
    public Task<int> GetHealth() => RunCaseAsync();

    /// <inheritdoc />
    public override QueryCase CreateCase(QueryContext context) => QueryCatalog.Health(context, Profile);
}
