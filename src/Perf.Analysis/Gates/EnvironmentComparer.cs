using System.Globalization;
using Perf.Harness.Results;

namespace Perf.Analysis.Gates;

/// <summary>Tells whether two runs measured on the same machine, server, data and schema, from their manifests.</summary>
/// <remarks>
/// Timings do not transfer between machines, even of one kind (two VMs of one size measured the same query 2.3× apart),
/// so the machine is compared by its identity (<see cref="MachineInfo.MachineId"/>), and by its description as well.
/// </remarks>
public static class EnvironmentComparer
{
    /// <summary>The differences, one readable line each; empty when comparable.</summary>
    public static IReadOnlyList<string> Differences(RunManifest baseline, RunManifest current)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        var differences = new List<string>();
        var (b, c) = (baseline.Machine, current.Machine);
        // An unknown identity (off Linux, or unreadable) matches nothing: two unknowns may be two VMs of one kind.
        if (b.MachineId is null || c.MachineId is null)
        {
            differences.Add($"machine identity unknown: baseline {b.MachineId ?? "unknown"}, this run {c.MachineId ?? "unknown"} (an unknown identity matches none: one machine cannot be shown)");
        }
        else
        {
            Compare("machine", b.MachineId, c.MachineId);
        }

        Compare("CPU", b.CpuModel ?? "unknown", c.CpuModel ?? "unknown");
        Compare("cores", b.ProcessorCount.ToString(CultureInfo.InvariantCulture), c.ProcessorCount.ToString(CultureInfo.InvariantCulture));
        Compare("architecture", b.Architecture, c.Architecture);
        Compare("OS", b.OsName, c.OsName);
        Compare(".NET", RuntimeMajorMinor(b.RuntimeVersion), RuntimeMajorMinor(c.RuntimeVersion));
        if (b.TotalMemoryBytes > 0 && Math.Abs(c.TotalMemoryBytes - b.TotalMemoryBytes) > 0.1 * b.TotalMemoryBytes)
        {
            differences.Add(string.Create(CultureInfo.InvariantCulture, $"memory: baseline {b.TotalMemoryBytes / 1073741824.0:F1} GiB, this run {c.TotalMemoryBytes / 1073741824.0:F1} GiB"));
        }

        Compare("server", Server(baseline.Server), Server(current.Server));
        foreach (var key in (baseline.Server?.Settings.Keys ?? []).Union(current.Server?.Settings.Keys ?? []).Order(StringComparer.Ordinal))
        {
            Compare("server setting " + key, Setting(baseline.Server, key), Setting(current.Server, key));
        }

        Compare("dataset", Dataset(baseline.Dataset), Dataset(current.Dataset));
        // Every variant either side measured: a variant on one side only is another schema (a baseline of Composite's
        // timings is no baseline for Partitioned's), not a difference to pass over.
        foreach (var variant in baseline.DdlHashes.Keys.Union(current.DdlHashes.Keys).Order(StringComparer.Ordinal))
        {
            Compare($"schema ({variant} DDL hash)", Ddl(baseline, variant), Ddl(current, variant));
        }

        return differences;

        void Compare(string what, string before, string after)
        {
            if (!string.Equals(before, after, StringComparison.Ordinal))
            {
                differences.Add($"{what}: baseline {before}, this run {after}");
            }
        }
    }

    private static string Server(ServerDescription? server) => server is null ? "none" : $"{server.Flavor} {server.Version}";

    private static string Setting(ServerDescription? server, string key) => server?.Settings.GetValueOrDefault(key) ?? "unset";

    private static string Ddl(RunManifest manifest, string variant) => manifest.DdlHashes.TryGetValue(variant, out var hash) ? hash : "not measured";

    private static string Dataset(DatasetInfo? dataset) => dataset?.Describe() ?? "none";

    private static string RuntimeMajorMinor(string runtime)
    {
        // ".NET 10.0.12" → ".NET 10.0": patch releases do not change code generation enough to refuse a comparison.
        var parts = runtime.Split('.');
        return parts.Length >= 3 ? string.Join('.', parts[..^1]) : runtime;
    }
}
