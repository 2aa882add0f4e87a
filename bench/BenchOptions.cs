using Perf.Harness.Provisioning;

namespace Perf.Bench;

/// <summary>The bench program's own options (read by <see cref="Cli.BenchCommandLine"/>); everything else goes to BenchmarkDotNet.</summary>
/// <param name="Command">The command.</param>
/// <param name="Scale">The seed preset of the suite's dataset (<c>--preset small|medium|large</c>).</param>
/// <param name="Trades">Overrides the preset's trade count (a custom scale, e.g. <c>--scale small --trades 3000000</c>), or null.</param>
/// <param name="Preset">How thoroughly the suite measures (<c>--mode ci|full</c>).</param>
/// <param name="Prefix">The variant databases' name prefix (default <c>bench_&lt;scale&gt;</c>, <c>bench_gate</c> for the gate).</param>
/// <param name="Seed">Whether to make sure the dataset is seeded (off: use the variant databases as they are).</param>
/// <param name="UpdateBaseline">Gate: rewrite the baseline from the current plans instead of comparing.</param>
/// <param name="AllowDifferentEnvironment">Gate: compare with a baseline taken on another dataset or server version instead of refusing.</param>
/// <param name="BaselinePath">Gate: the baseline file.</param>
/// <param name="ResultsDirectory">Where to write results (default <c>results/runs/&lt;stamp&gt;-bench</c>).</param>
/// <param name="Provisioning">How to find or start the server.</param>
/// <param name="BenchmarkArgs">Arguments for BenchmarkDotNet (<c>--filter</c>, <c>--list</c>, <c>--job</c>...).</param>
/// <param name="BufferPoolBytes">Suite: run the benchmarks memory-constrained, on the local server restarted with this buffer pool and <c>O_DIRECT</c> (<c>--buffer-pool</c>); null for the server as it is.</param>
public sealed record BenchOptions(
    BenchCommand Command,
    string Scale,
    long? Trades,
    BenchPreset Preset,
    string Prefix,
    bool Seed,
    bool UpdateBaseline,
    bool AllowDifferentEnvironment,
    string BaselinePath,
    string? ResultsDirectory,
    ProvisioningOptions Provisioning,
    IReadOnlyList<string> BenchmarkArgs,
    long? BufferPoolBytes = null)
{
    /// <summary>The gate's variant databases' prefix.</summary>
    public const string GatePrefix = "bench_gate";

    /// <summary>The committed plan baseline.</summary>
    public static string DefaultBaselinePath(string repositoryRoot) => Path.Combine(repositoryRoot, "bench", "plan-baseline.json");

    /// <summary>The plan gate's options with every default: its dataset, its databases, the committed baseline.</summary>
    public static BenchOptions ForGate(string repositoryRoot, ProvisioningOptions provisioning) =>
        new(BenchCommand.Gate, SeedPresetSmall, null, BenchPreset.Full, GatePrefix, true, false, false, DefaultBaselinePath(repositoryRoot), null, provisioning, []);

    private const string SeedPresetSmall = "small";
}
