namespace Telemetry.Data.Rollups;

/// <summary>What one incremental rollup of one source recomputed.</summary>
/// <param name="Source">The source name.</param>
/// <param name="ScannedAfterId">Rows with a larger id were scanned for the windows they touch.</param>
/// <param name="Hours">Hourly windows recomputed.</param>
/// <param name="Days">Daily windows recomputed.</param>
/// <param name="Weeks">Weekly windows recomputed.</param>
/// <param name="Months">Monthly windows recomputed.</param>
/// <param name="HoursLeftAlone">Hours whose windows were not recomputed because retention has moved (or is past) some of their raw rows.</param>
/// <param name="NotBefore">The first hour that could be recomputed (the day after the latest retention cutoff, the job's or one retention has applied); null for no limit.</param>
public sealed record RollupRunReport(string Source, long ScannedAfterId, int Hours, int Days, int Weeks, int Months, int HoursLeftAlone, DateTime? NotBefore);
