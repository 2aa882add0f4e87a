namespace Perf.Seed;

/// <summary>When one phase ran for one database, in seconds from the start of the run (phases of different databases overlap).</summary>
/// <param name="Phase">The step.</param>
/// <param name="Database">The variant database it concerned (empty while preparing).</param>
/// <param name="StartSeconds">Its first progress report.</param>
/// <param name="EndSeconds">When the next phase of the same database began, or the run ended.</param>
/// <param name="Rows">The rows it counted (0 when it counts none).</param>
public sealed record PhaseTiming(SeedPhase Phase, string Database, double StartSeconds, double EndSeconds, long Rows);
