using Perf.Harness.Gates;
using Perf.Harness.Results;

namespace Perf.Tests.Gates;

/// <summary>Synthetic benchmark runs and manifests with known distributions.</summary>
internal static class SyntheticTimings
{
    public static BenchmarkTiming Run(string name, double meanNs, double sdNs, int seed, int samples = 15)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, samples).Select(_ => meanNs + (sdNs * Gaussian(random))).ToArray();
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
        var margin = 3.29 * sd / Math.Sqrt(values.Length); // ≈ BenchmarkDotNet's 99.9 % interval
        return new BenchmarkTiming(name, mean, BenchmarkDotNetJsonMedian(values), mean - margin, mean + margin, values);
    }

    /// <summary>A run of exactly <paramref name="values"/>, with BenchmarkDotNet's 99.9 % interval for 10 iterations (t = 4.781, 9 degrees of freedom).</summary>
    public static BenchmarkTiming FromSamples(string name, double[] values)
    {
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
        var margin = 4.781 * sd / Math.Sqrt(values.Length);
        return new BenchmarkTiming(name, mean, BenchmarkDotNetJsonMedian(values), mean - margin, mean + margin, values);
    }

    public static RunManifest Manifest(string cpu = "AMD EPYC 7B13", string serverVersion = "10.11.14-MariaDB-0+deb12u2") => new()
    {
        Tool = "bench",
        Machine = new MachineInfo(2, 24L << 30, cpu, "Debian GNU/Linux 12 (bookworm)", "Linux 6.1", "X64", "ci-runner", ".NET 10.0.12"),
        Server = new ServerDescription("MariaDb", serverVersion, "local:.perf/mysql", new Dictionary<string, string>()),
    };

    private static double BenchmarkDotNetJsonMedian(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
