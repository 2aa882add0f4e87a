using Perf.Analysis.Gates;
using Perf.Harness.Results;

namespace Perf.Tests.Gates;

/// <summary>Synthetic round medians and manifests with known distributions.</summary>
internal static class SyntheticTimings
{
    /// <summary><paramref name="rounds"/> round medians around <paramref name="medianNs"/>, each off by a Gaussian of <paramref name="sdNs"/>.</summary>
    public static TimingSeries Run(string name, double medianNs, double sdNs, int seed, int rounds = 8)
    {
        var random = new Random(seed);
        return new TimingSeries(name, [.. Enumerable.Range(0, rounds).Select(_ => medianNs + (sdNs * Gaussian(random)))], 100);
    }

    public static RunManifest Manifest(string cpu = "AMD EPYC 7B13", string serverVersion = "10.11.14-MariaDB-0+deb12u2", string machineId = "0123456789abcdef") => new()
    {
        Tool = "ci",
        Machine = new MachineInfo(2, 24L << 30, cpu, "Debian GNU/Linux 12 (bookworm)", "Linux 6.1", "X64", "ci-runner", ".NET 10.0.12") { MachineId = machineId },
        Server = new ServerDescription("MariaDb", serverVersion, "local:.perf/mysql", new Dictionary<string, string> { ["innodb_buffer_pool_size"] = "2147483648" }),
        Dataset = new DatasetInfo(42, "gate", new Dictionary<string, long> { ["dd_trade_performance"] = 200_000 }, "0a7884e0"),
        DdlHashes = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["Composite"] = "ddl-1" },
    };

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
