namespace Telemetry.Data.Model;

/// <summary>One system-health sample of a trading script, as stored in <c>dd_system_health</c>.</summary>
public sealed record HealthSample(
    long Id,
    int ProfileId,
    string ScriptName,
    DateTime Timestamp,
    string Status,
    double CpuPercent,
    double MemoryMb,
    double LatencyMs,
    int ErrorCount,
    string? Message);
