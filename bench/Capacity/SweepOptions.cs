using Perf.Analysis.Capacity;
using Perf.Harness.Provisioning;
using Telemetry.Data.Schema;

namespace Perf.Bench.Capacity;

/// <summary>What <c>bench report</c> measures and projects.</summary>
internal sealed record SweepOptions(
    IReadOnlyList<long> Sizes,
    IReadOnlyList<SchemaVariant> Variants,
    GrowthAssumptions Assumptions,
    int Rounds,
    int Executions,
    TimeSpan CaseBudget,
    IReadOnlyList<string> QueryFilters,
    CapacitySearch? Capacity,
    int SeedProfiles,
    int SeedTradesPerDay,
    string Prefix,
    string? ResultsDirectory,
    ProvisioningOptions Provisioning,
    SchemaVariant? AaVariant = null)
{
    /// <summary>Cache states measured besides warm (<c>--cache-states</c>): cold, constrained; they restart the local server.</summary>
    public IReadOnlyList<CacheState> CacheStates { get; init; } = [];

    /// <summary>The buffer pools of the memory-constrained state, largest first (<c>--buffer-pool 256M,64M</c>): each variant is measured once per pool.</summary>
    public IReadOnlyList<long> ConstrainedPools { get; init; } = [ServerRestart.DefaultConstrainedBufferPoolBytes];

    /// <summary>The database prefix of the A/A copy.</summary>
    public string CopyPrefix => Prefix + "_aa";

    /// <summary>The database prefix of the control, the rows timed beside every size.</summary>
    public string ControlPrefix => Prefix + "_ctl";
}
