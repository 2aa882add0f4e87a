using System.Text.Json.Serialization;
using Perf.Analysis.Capacity;
using Telemetry.Data.Schema;

namespace Perf.Bench.Statements;

/// <summary>One query on one variant: a candidate protocol against the baseline (text, sessions reset).</summary>
/// <param name="Protocol">The candidate protocol's name.</param>
/// <param name="Query">The query case.</param>
/// <param name="Variant">The schema variant.</param>
/// <param name="Result">The verdict with its evidence: both medians with intervals, the rank test over round medians, candidate ÷ baseline.</param>
/// <param name="PreparesPerExecution">Server <c>Com_stmt_prepare</c> per execution on the candidate after the rounds (0 when every execution reused a statement its connection had prepared).</param>
/// <param name="TimedOut">Whether an execution on either side ran past the command timeout: its time is a lower bound and that side's rounds stopped there, so no difference is claimed.</param>
public sealed record StatementComparison(string Protocol, string Query, SchemaVariant Variant, VariantComparison Result, double PreparesPerExecution, bool TimedOut = false)
{
    /// <summary>Whether the candidate's own side ran past the command timeout (then <see cref="TimedOut"/> is true too): it may be slower there by any amount, so a win elsewhere does not make it the one to adopt.</summary>
    public bool CandidateTimedOut { get; init; }

    /// <summary>The claim rule found the candidate faster, and neither side timed out.</summary>
    [JsonIgnore]
    public bool Faster => !TimedOut && Result.IsClaim && Result.CandidateBetter;

    /// <summary>The claim rule found the candidate slower, and neither side timed out.</summary>
    [JsonIgnore]
    public bool Slower => !TimedOut && Result.IsClaim && !Result.CandidateBetter;
}
