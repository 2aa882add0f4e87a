using Perf.Bench.Queries;
using Telemetry.Data.Queries;

namespace Perf.Bench.Capacity;

/// <summary>One database the interleaved rounds take turns on: a variant, the A/A check's copy of one, or the sweep's control.</summary>
/// <param name="Name">How progress lines name it, e.g. <c>Composite</c> or <c>Composite (copy)</c>.</param>
/// <param name="Queries">The query layer over its database.</param>
/// <param name="Cases">Its own parameters for the cases every arm runs (the same names in the same order), found on its own rows; null to run the shared ones.</param>
internal sealed record MeasurementArm(string Name, QueryLayer Queries, IReadOnlyList<QueryCase>? Cases = null)
{
    /// <summary>The case it runs at index <paramref name="c"/> of <paramref name="shared"/>: its own, or the shared one.</summary>
    public QueryCase CaseAt(IReadOnlyList<QueryCase> shared, int c) => Cases?[c] ?? shared[c];

    /// <summary>Disposes the query layers of <paramref name="arms"/>.</summary>
    public static async Task DisposeAllAsync(IEnumerable<MeasurementArm> arms)
    {
        ArgumentNullException.ThrowIfNull(arms);
        foreach (var arm in arms)
        {
            await arm.Queries.DisposeAsync().ConfigureAwait(false);
        }
    }
}
