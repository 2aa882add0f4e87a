namespace Perf.Analysis.Capacity;

/// <summary>
/// The sweep's control as timed beside one size: the same queries on the same rows at every size (the smallest size's
/// dataset, seeded once under its own prefix), in the same interleaved rounds as the variants.
/// </summary>
/// <remarks>
/// A sweep times its sizes one after another, minutes to hours apart, and a shared VM's speed for database work can move by
/// twice in that time: the same data and queries measured 1.8–2.0× the p50s of a run three hours earlier at 300k–3M and
/// 0.79× at 30M, while a CPU hash workload read within 5.9–6.9 ms throughout. Latency that grows from one size to the next
/// then grows with the machine as well as with the data, and nothing in a variant's own timings tells the two apart. The
/// control's work never changes, so a change in its timings between sizes is the machine's, or what the size's data does
/// to the caches the two share (the CPU's, the buffer pool's); not its own data's.
/// </remarks>
/// <param name="TradeRows">The size whose rounds it was timed in.</param>
/// <param name="Queries">Its query measurements in those rounds.</param>
public sealed record ControlMeasurement(long TradeRows, IReadOnlyList<QueryMeasurement> Queries);
