using Perf.Analysis.Capacity;
using Telemetry.Data.Schema;

namespace Perf.Bench.Suite;

/// <summary>The measured time of one (query, variant).</summary>
/// <param name="Query">The query case name.</param>
/// <param name="Variant">The schema variant.</param>
/// <param name="MeanMs">Mean time per call through the query layer, in milliseconds.</param>
/// <param name="IterationMeanP95Ms">BenchmarkDotNet's 95th percentile of the iterations' mean times per call, in milliseconds: a spread of <paramref name="Iterations"/> means, not a latency percentile (with the 3 iterations of <c>--mode ci</c>, close to their maximum).</param>
/// <param name="Iterations">The actual iterations <paramref name="MeanMs"/> and <paramref name="IterationMeanP95Ms"/> come from (after BenchmarkDotNet removed outliers).</param>
/// <param name="AllocatedBytes">Bytes allocated per call.</param>
/// <param name="Pages">The buffer pool's page requests and disk reads over the actual iterations, per call; null when not counted.</param>
public sealed record TimingRow(string Query, SchemaVariant Variant, double MeanMs, double IterationMeanP95Ms, int Iterations, long? AllocatedBytes, PageCounts? Pages = null);
