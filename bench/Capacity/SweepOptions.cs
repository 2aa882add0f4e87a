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

    /// <summary>
    /// Every size seeded first, each under its own prefix, and all timed in the same interleaved rounds
    /// (<c>--interleave-sizes</c>): a change in the machine's speed then reaches every size alike instead of entering the
    /// growth between them. Needs the disk for all sizes at once; without it, one size at a time beside the control.
    /// </summary>
    public bool InterleaveSizes { get; init; }

    /// <summary>The database prefix of <paramref name="sizeLabel"/>'s variants: the sweep's own, or with the sizes interleaved, one per size (<c>sweep_300k</c>).</summary>
    public string PrefixOf(string sizeLabel) => InterleaveSizes ? $"{Prefix}_{sizeLabel}" : Prefix;

    /// <summary>The database prefix of the A/A copy at <paramref name="sizeLabel"/>.</summary>
    public string CopyPrefixOf(string sizeLabel) => PrefixOf(sizeLabel) + "_aa";

    /// <summary>The database prefix of the control, the rows timed beside every size.</summary>
    public string ControlPrefix => Prefix + "_ctl";
}
