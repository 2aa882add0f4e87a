using Perf.Harness.Provisioning;
using Telemetry.Data.Lifecycle;
using Telemetry.Data.Schema;

namespace Perf.Bench.Archive;

/// <summary>What <c>bench archive</c> measures and how.</summary>
/// <param name="Rows">Trades seeded.</param>
/// <param name="Months">Months of history, ending at <paramref name="Now"/>, the trades are spread over.</param>
/// <param name="Now">The instant the archival runs as of.</param>
/// <param name="Variants">Composite (row path) and/or Partitioned (partition path).</param>
/// <param name="Policy">Retention periods.</param>
/// <param name="Retention">Row-path chunking and pacing.</param>
/// <param name="Api">An API whose <c>/metrics</c> are read before and after archival, or null.</param>
/// <param name="IdleSeconds">Seconds the API is watched idle before archiving.</param>
/// <param name="Keep">Keep the bench databases afterwards.</param>
/// <param name="ResultsDirectory">The run's output directory, or null for <c>results/runs/STAMP-bench-archive</c>.</param>
/// <param name="Provisioning">How to find the server.</param>
internal sealed record ArchiveBenchOptions(
    int Rows,
    int Months,
    DateTime Now,
    IReadOnlyList<SchemaVariant> Variants,
    RetentionPolicy Policy,
    RetentionOptions Retention,
    Uri? Api,
    int IdleSeconds,
    bool Keep,
    string? ResultsDirectory,
    ProvisioningOptions Provisioning);
