namespace Perf.Tests.Bench;

/// <summary>Reads the recorded plan samples copied beside the test assembly.</summary>
internal static class PlanSamples
{
    public static string Read(string fileName) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Bench", "Samples", fileName));
}
