using System.Text.Json;
using Perf.Bench.Queries;
using Telemetry.Data.Schema;

namespace Perf.Bench;

/// <summary>What a benchmark process needs to know: the connection string of each variant and the dataset's query parameters.</summary>
/// <remarks>
/// Passed to benchmark processes through one environment variable, so the same classes run in-process (CI preset)
/// and in BenchmarkDotNet's separate processes (full preset), which inherit the parent's environment.
/// </remarks>
public sealed record BenchContext(IReadOnlyDictionary<SchemaVariant, string> ConnectionStrings, QueryContext Queries)
{
    /// <summary>The environment variable that carries the context as JSON.</summary>
    public const string EnvironmentVariable = "PERF_BENCH_CONTEXT";

    /// <summary>Publishes the context to this process's environment (inherited by child processes).</summary>
    public void Publish() => Environment.SetEnvironmentVariable(EnvironmentVariable, JsonSerializer.Serialize(this));

    /// <summary>Reads the context published by the bench program.</summary>
    /// <exception cref="InvalidOperationException">The variable is missing: the benchmark was not started by the bench program.</exception>
    public static BenchContext FromEnvironment()
    {
        var json = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrEmpty(json))
        {
            throw new InvalidOperationException($"{EnvironmentVariable} is not set: run benchmarks through `dotnet run -c Release --project bench`, which provisions and seeds first.");
        }

        return JsonSerializer.Deserialize<BenchContext>(json) ?? throw new InvalidOperationException($"{EnvironmentVariable} holds no context.");
    }
}
