namespace Telemetry.Data.Lifecycle;

/// <summary>A statement that had been running longer than the slow-query threshold, with its live plan.</summary>
/// <param name="ConnectionId">The server's connection id.</param>
/// <param name="Elapsed">How long it had been running when sampled.</param>
/// <param name="Sql">The statement text.</param>
/// <param name="Plan">Its plan (<c>SHOW EXPLAIN FOR</c> on MariaDB, <c>EXPLAIN FOR CONNECTION</c> on MySQL), or why none was available.</param>
public sealed record SlowQuery(long ConnectionId, TimeSpan Elapsed, string Sql, string Plan);
