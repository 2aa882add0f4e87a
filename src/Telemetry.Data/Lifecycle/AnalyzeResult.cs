namespace Telemetry.Data.Lifecycle;

/// <summary>The server's answer to <c>ANALYZE TABLE</c> for one table.</summary>
/// <param name="Table">The table.</param>
/// <param name="Status">The message lines, joined.</param>
/// <param name="Ok">Whether every line was a status or note (not an error).</param>
public sealed record AnalyzeResult(string Table, string Status, bool Ok);
