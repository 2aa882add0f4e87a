using Telemetry.Data.Queries;

namespace Perf.Bench.Capacity;

/// <summary>One database the interleaved rounds take turns on: a variant, or the A/A check's copy of one.</summary>
/// <param name="Name">How progress lines name it, e.g. <c>Composite</c> or <c>Composite (copy)</c>.</param>
/// <param name="Queries">The query layer over its database.</param>
internal sealed record MeasurementArm(string Name, QueryLayer Queries)
{
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
