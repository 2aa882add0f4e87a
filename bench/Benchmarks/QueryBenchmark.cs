using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;
using Perf.Bench.Queries;
using Telemetry.Data.Queries;
using Telemetry.Data.Schema;

namespace Perf.Bench.Benchmarks;

/// <summary>The shared part of every scenario: one query-layer instance per variant database, set up once per benchmark case.</summary>
/// <remarks>Not sealed: BenchmarkDotNet discovers scenarios as subclasses and needs them unsealed.</remarks>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "BenchmarkDotNet owns the lifetime: [GlobalCleanup] disposes the data source.")]
public abstract class QueryBenchmark
{
    private QueryLayer? queries;
    private QueryCase? queryCase;

    /// <summary>The schema variant the query runs on (identical rows in each).</summary>
    [ParamsAllValues]
    public SchemaVariant Variant { get; set; }

    /// <summary>Opens the query layer on the variant's database and builds the case.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var context = BenchContext.FromEnvironment();
        queries = new QueryLayer(context.ConnectionStrings[Variant]);
        queryCase = CreateCase(context.Queries);
    }

    /// <summary>Closes the data source.</summary>
    [GlobalCleanup]
    public void Cleanup() => queries?.DataSource.Dispose();

    /// <summary>The case this scenario runs for the current parameters (also maps timings back to plans).</summary>
    public abstract QueryCase CreateCase(QueryContext context);

    /// <summary>Runs the case through the query layer; returns the rows so the work cannot be optimized away.</summary>
    protected Task<int> RunCaseAsync() => queryCase!.RunAsync(queries!, CancellationToken.None);
}
