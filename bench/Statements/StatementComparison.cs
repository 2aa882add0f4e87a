using Perf.Analysis.Capacity;
using Telemetry.Data.Schema;

namespace Perf.Bench.Statements;

/// <summary>One query on one variant: server-side prepared statements (the candidate) against the text protocol (the reference).</summary>
/// <param name="Query">The query case.</param>
/// <param name="Variant">The schema variant.</param>
/// <param name="Result">The verdict with its evidence: both medians with intervals, the rank test over round medians, prepared ÷ text.</param>
/// <param name="PreparesPerExecution">Server <c>Com_stmt_prepare</c> per execution on the prepared path after the rounds (0 when every execution reused its connection's statement).</param>
/// <param name="TextPreparesPerExecution">The same counter on the text path (0 unless something else prepares).</param>
public sealed record StatementComparison(string Query, SchemaVariant Variant, VariantComparison Result, double PreparesPerExecution, double TextPreparesPerExecution);
