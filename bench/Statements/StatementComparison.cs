using Perf.Analysis.Capacity;
using Telemetry.Data.Schema;

namespace Perf.Bench.Statements;

/// <summary>One query on one variant: a candidate protocol against the baseline (text, sessions reset).</summary>
/// <param name="Protocol">The candidate protocol's name.</param>
/// <param name="Query">The query case.</param>
/// <param name="Variant">The schema variant.</param>
/// <param name="Result">The verdict with its evidence: both medians with intervals, the rank test over round medians, candidate ÷ baseline.</param>
/// <param name="PreparesPerExecution">Server <c>Com_stmt_prepare</c> per execution on the candidate after the rounds (0 when every execution reused a statement its connection had prepared).</param>
public sealed record StatementComparison(string Protocol, string Query, SchemaVariant Variant, VariantComparison Result, double PreparesPerExecution);
