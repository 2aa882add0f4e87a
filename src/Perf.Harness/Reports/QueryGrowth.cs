using Telemetry.Data.Schema;

namespace Perf.Harness.Reports;

/// <summary>The fitted P99 growth of one query on one variant.</summary>
/// <param name="Variant">The schema variant.</param>
/// <param name="Query">The query.</param>
/// <param name="P99">The fits of P99 latency (ms) against trade rows and the chosen one.</param>
public sealed record QueryGrowth(SchemaVariant Variant, string Query, GrowthSelection P99);
