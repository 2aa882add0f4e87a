using Telemetry.Data.Schema;

namespace Perf.Analysis.Capacity;

/// <summary>One query compared between two variants (or a variant and its A/A copy) at one size.</summary>
/// <param name="Query">The query.</param>
/// <param name="TradeRows">The size.</param>
/// <param name="Candidate">The variant asked about.</param>
/// <param name="Reference">The variant it is compared with (the same variant for the A/A check).</param>
/// <param name="Result">The verdict and its evidence.</param>
public sealed record QueryComparison(string Query, long TradeRows, SchemaVariant Candidate, SchemaVariant Reference, VariantComparison Result);
