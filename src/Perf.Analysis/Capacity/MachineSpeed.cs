using static Perf.Analysis.Capacity.ReportFormat;

namespace Perf.Analysis.Capacity;

/// <summary>
/// The machine's speed while one size's queries were timed: the CPU yardstick (<c>CpuYardstick</c>: the same fixed CPU
/// workload on every machine and run; more milliseconds is a slower or busier machine) read before the warm-up and after
/// every round.
/// </summary>
/// <remarks>
/// A sweep times its sizes one after another, minutes to an hour apart, and a shared VM can slow by tens of per cent in
/// that time (the 30M hold-out run's yardstick went from 5.65 to 6.54 ms). Latency that grows from one size to the next then
/// grows with the machine as well as with the data, and nothing in the timings tells the two apart. Read beside each size,
/// the yardstick shows which sizes ran on a slower machine. Two sizes count as timed at different speeds only when their
/// readings do not overlap at all: one reading alone moves by several per cent within a quiet minute.
/// </remarks>
/// <param name="ReadingsMs">Every reading, in the order taken.</param>
public sealed record MachineSpeed(IReadOnlyList<double> ReadingsMs)
{
    /// <summary>The median reading.</summary>
    public double MedianMs
    {
        get
        {
            var sorted = ReadingsMs.Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        }
    }

    /// <summary>The fastest reading.</summary>
    public double LowestMs => ReadingsMs.Min();

    /// <summary>The slowest reading.</summary>
    public double HighestMs => ReadingsMs.Max();

    /// <summary>Whether the two were timed at different speeds: every reading of one above every reading of the other.</summary>
    public bool DiffersFrom(MachineSpeed other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return LowestMs > other.HighestMs || HighestMs < other.LowestMs;
    }

    /// <summary>As <c>5.91 ms [5.70–6.12]</c>: the median and the range of the readings.</summary>
    public override string ToString() => $"{Ms(MedianMs)} [{MsBare(LowestMs)}–{MsBare(HighestMs)}]";
}
