namespace Perf.Seed;

/// <summary>A progress report: the phase, the database it concerns, and <paramref name="Done"/> of <paramref name="Total"/> units (0 of 0 when not counted).</summary>
/// <param name="Phase">The step.</param>
/// <param name="Database">The variant database it concerns.</param>
/// <param name="Done">Units done.</param>
/// <param name="Total">Units planned.</param>
/// <param name="Unit">What is counted: <c>rows</c>, <c>tables</c> or <c>aggregations</c> while checking, or <c>MiB</c> while table files are copied.</param>
/// <param name="Detail">A note for people, or null.</param>
/// <param name="TablesToCome">Tables whose rows will join <paramref name="Total"/> later (a copy or index build counts each table once it starts on it): while any are to come, the total and an ETA drawn from it understate the work.</param>
public sealed record SeedProgress(SeedPhase Phase, string Database, long Done, long Total, string Unit, string? Detail, int TablesToCome = 0);
