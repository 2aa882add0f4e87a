using Perf.Harness.Results;

namespace Perf.Seed;

/// <summary>How the machine's cores were spent over one stretch of a seed, in cores (core-seconds per second).</summary>
/// <remarks>
/// A three-variant seed on two cores is bound by the server's CPU, so its wall time is its work over the cores it kept
/// busy. Stretches with cores idle or waiting on the disk are where a different order of work could gain; busy cores
/// throughout leave only less work. The busy core-seconds over the cores are the floor no packing of the same work gets
/// under (results/2026-12-07-seed-medium-amd: 939 busy core-seconds, 470 s of two cores, in a 547.6 s seed).
/// </remarks>
/// <param name="StartSeconds">Start of the stretch on the run's clock.</param>
/// <param name="Seconds">Its length.</param>
/// <param name="Busy">Cores doing work (user, nice, system, irq, softirq), every process of the machine.</param>
/// <param name="IoWait">Cores idle with I/O outstanding.</param>
/// <param name="Idle">Cores idle otherwise.</param>
/// <param name="Steal">Cores the hypervisor gave to other guests.</param>
/// <param name="Server">Of the busy cores, the database server's, when it runs on this machine and was found before the stretch began; else null.</param>
/// <param name="Seeder">Of the busy cores, this process's.</param>
public sealed record CoreUse(double StartSeconds, double Seconds, double Busy, double IoWait, double Idle, double Steal, double? Server, double Seeder)
{
    /// <summary>The stretch between two readings of the machine's CPU times and the two processes' CPU seconds; null when the readings span no time.</summary>
    /// <param name="cores">The machine's cores (<see cref="Environment.ProcessorCount"/>): <c>/proc/stat</c> counts them all.</param>
    public static CoreUse? Between(CpuTimes from, CpuTimes to, double startSeconds, double seconds, int cores, double? serverFrom, double? serverTo, double seederFrom, double seederTo)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var total = to.Total - from.Total;
        if (total <= 0 || seconds <= 0)
        {
            return null;
        }

        double Cores(long ticks) => Math.Round(cores * (double)ticks / total, 2);
        var busy = to.Busy - from.Busy;
        var ioWait = to.IoWait - from.IoWait;
        var steal = to.Steal - from.Steal;
        return new CoreUse(
            Math.Round(startSeconds, 1), Math.Round(seconds, 1), Cores(busy), Cores(ioWait), Cores(total - busy - ioWait - steal), Cores(steal),
            serverFrom is { } s0 && serverTo is { } s1 ? Math.Round((s1 - s0) / seconds, 2) : null,
            Math.Round((seederTo - seederFrom) / seconds, 2));
    }
}
