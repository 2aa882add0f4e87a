namespace Telemetry.Jobs.Monitoring;

/// <summary>One cache-warming request.</summary>
/// <param name="Url">The URL requested.</param>
/// <param name="Status">The HTTP status, or 0 when the request failed.</param>
/// <param name="Elapsed">How long it took.</param>
/// <param name="Error">The failure, or null.</param>
public sealed record WarmResult(Uri Url, int Status, TimeSpan Elapsed, string? Error);
