using Perf.Analysis.Capacity;
using Perf.Bench.Plans;
using Perf.Bench.Queries;
using Telemetry.Data.Schema;

namespace Perf.Bench.Capacity;

/// <summary>One database the sweep measures at a size: a variant, the A/A check's copy of one, or the control, with its query cases and captured plans.</summary>
/// <param name="Name">How progress lines name it, e.g. <c>Composite</c>, <c>Composite (copy)</c> or, with the sizes interleaved, <c>Composite at 1m</c>.</param>
/// <param name="Variant">Its schema variant.</param>
/// <param name="Database">Its database.</param>
/// <param name="Cases">Its query cases, with parameters found on its own rows: every arm of a sweep has the same names in the same order.</param>
/// <param name="Plans">The plans and exact work of its queries.</param>
/// <param name="IsCopy">Whether it is the A/A copy.</param>
/// <param name="IsControl">Whether it is the control: the same rows beside every size (<see cref="ControlMeasurement"/>).</param>
internal sealed record SweepArm(string Name, SchemaVariant Variant, string Database, IReadOnlyList<QueryCase> Cases, IReadOnlyList<PlanResult> Plans, bool IsCopy = false, bool IsControl = false)
{
    /// <summary>Its query measurements from its row of <paramref name="samples"/>: timings and counters from the rounds, exact work from the plans.</summary>
    public List<QueryMeasurement> Measure(CaseSamples[,] samples, int row) => [.. Cases.Select((queryCase, c) =>
    {
        var plan = Plans.First(p => p.Query == queryCase.Name);
        return samples[row, c].ToMeasurement(queryCase.Name, plan.ToExactWork(), plan.Index is null ? [] : [plan.Index], queryCase.ServedByApi);
    })];
}
