namespace Perf.Load.Execution;

/// <summary>When one request was intended, started and ended (Stopwatch ticks), and whether it counts.</summary>
/// <param name="IntendedTicks">The schedule's send time (the start itself in the closed model).</param>
/// <param name="StartTicks">When it went on the wire.</param>
/// <param name="EndTicks">When its response was complete or it failed.</param>
/// <param name="Measured">False during warm-up.</param>
internal readonly record struct RequestTiming(long IntendedTicks, long StartTicks, long EndTicks, bool Measured);
