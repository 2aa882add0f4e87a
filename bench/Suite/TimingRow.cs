using Perf.Analysis.Capacity;
using Telemetry.Data.Schema;

namespace Perf.Bench.Suite;

/// <summary>The measured time of one (query, variant).</summary>
/// <param name="Query">The query case name.</param>
/// <param name="Variant">The schema variant.</param>
/// <param name="MeanMs">Mean time per call through the query layer, in milliseconds.</param>
/// <param name="P95Ms">The 95th percentile of iteration means, in milliseconds.</param>
/// <param name="AllocatedBytes">Bytes allocated per call.</param>
/// <param name="Pages">The buffer pool's page requests and disk reads over the actual iterations, per call; null when not counted.</param>
public sealed record TimingRow(string Query, SchemaVariant Variant, double MeanMs, double P95Ms, long? AllocatedBytes, PageCounts? Pages = null);
