namespace Perf.Load.Model;

/// <summary>One intended request start, as an offset from the start of the run.</summary>
/// <param name="Offset">Intended start relative to the run start.</param>
/// <param name="IsWarmup">True while in the warm-up: sent but not counted.</param>
internal readonly record struct ScheduledArrival(TimeSpan Offset, bool IsWarmup);
