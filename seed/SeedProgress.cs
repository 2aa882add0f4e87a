namespace Perf.Seed;

/// <summary>A progress report: the phase, the database it concerns and rows done of rows planned (0 of 0 when not counted).</summary>
public sealed record SeedProgress(SeedPhase Phase, string Database, long RowsDone, long RowsTotal, string? Detail = null);
