using Perf.Harness.Results;
using Perf.Seed.Generation;

namespace Perf.Seed;

/// <summary>What a seeding run left in the databases: enough to regenerate it and to prove it is the same.</summary>
/// <param name="Seed">The master seed.</param>
/// <param name="Scale">The scale's name.</param>
/// <param name="Spec">Every content parameter (its <see cref="DatasetSpec.Canonical"/> form is stored with the dataset).</param>
/// <param name="Checksum">The content checksum of the generated trades and health rows.</param>
/// <param name="RowCounts">Rows per table in the (identical) variant databases after the run.</param>
/// <param name="RowsWritten">Rows this run wrote, copies included.</param>
/// <param name="Variants">What happened to each variant database.</param>
/// <param name="Seconds">Wall time of the run.</param>
/// <param name="Phases">Each phase's span per database, in the order they began.</param>
public sealed record SeedResult(
    long Seed,
    string Scale,
    DatasetSpec Spec,
    string Checksum,
    IReadOnlyDictionary<string, long> RowCounts,
    long RowsWritten,
    IReadOnlyList<VariantSeedResult> Variants,
    double Seconds,
    IReadOnlyList<PhaseTiming> Phases)
{
    /// <summary>The CPU seconds this process spent on the run (all its threads).</summary>
    public double SeederCpuSeconds { get; init; }

    /// <summary>The CPU seconds the database server spent during the run, when it runs on this machine; else null.</summary>
    /// <remarks>With the seeder's, where the run's work went and how busy it kept the cores (work ÷ (cores × wall time)).</remarks>
    public double? ServerCpuSeconds { get; init; }

    /// <summary>The seeder's peak resident set size at the end of the run, in bytes, when the command measured it; else null.</summary>
    public long? SeederPeakRssBytes { get; init; }

    /// <summary>How the machine's cores were spent, stretch by stretch, when it could be read (Linux); else null.</summary>
    public IReadOnlyList<CoreUse>? CoreUse { get; init; }

    /// <summary>Rows written per second of wall time.</summary>
    public double RowsPerSecond => Seconds > 0 ? RowsWritten / Seconds : 0;

    /// <summary>The dataset as recorded in a run manifest.</summary>
    public DatasetInfo ToDatasetInfo() => new(Seed, Scale, RowCounts, Checksum);
}
