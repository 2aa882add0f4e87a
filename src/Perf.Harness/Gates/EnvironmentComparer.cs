using System.Globalization;
using Perf.Harness.Results;

namespace Perf.Harness.Gates;

/// <summary>Tells whether two runs measured on the same kind of machine and server, from their manifests.</summary>
/// <remarks>
/// Compared: CPU model, core count, memory (within 10 %), architecture, OS, .NET major.minor, server flavour and version.
/// The host name is not compared: hosted CI gets a new one per job on identical hardware.
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

    private static string RuntimeMajorMinor(string runtime)
    {
        // ".NET 10.0.12" → ".NET 10.0": patch releases do not change code generation enough to refuse a comparison.
        var parts = runtime.Split('.');
        return parts.Length >= 3 ? string.Join('.', parts[..^1]) : runtime;
    }
}
