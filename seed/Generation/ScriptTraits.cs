namespace Perf.Seed.Generation;

/// <summary>One monitored script of a profile and its normal resource levels.</summary>
/// <param name="Name">The <c>script_name</c> value.</param>
/// <param name="CpuPercent">Typical CPU use.</param>
/// <param name="MemoryMb">Typical resident memory.</param>
/// <param name="LatencyMs">Typical loop latency.</param>
internal sealed record ScriptTraits(string Name, double CpuPercent, double MemoryMb, double LatencyMs);
