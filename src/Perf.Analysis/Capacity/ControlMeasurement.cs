namespace Perf.Analysis.Capacity;

/// <summary>
/// The sweep's control as timed beside one size: the same queries on the same rows at every size (the smallest size's
/// dataset, seeded once under its own prefix), in the same interleaved rounds as the variants.
/// </summary>
/// <remarks>
/// A sweep times its sizes one after another, minutes to hours apart, and a shared VM's speed for database work can move by
/// twice in that time: the same 300k–3M data and queries measured a median 1.8–2.0× slower on 2026-12-06 afternoon than six
/// hours before, while a CPU hash workload read only 1.2× slower. Latency that grows from one size to the next then grows
/// with the machine as well as with the data, and nothing in a variant's own timings tells the two apart. The control's
/// work never changes, so any change in its timings between sizes is the machine's and the server's.
/// </remarks>
/// <param name="TradeRows">The size whose rounds it was timed in.</param>
/// <param name="Queries">Its query measurements in those rounds.</param>
public sealed record ControlMeasurement(long TradeRows, IReadOnlyList<QueryMeasurement> Queries);
