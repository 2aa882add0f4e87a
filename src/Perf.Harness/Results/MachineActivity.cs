using System.Globalization;

namespace Perf.Harness.Results;

/// <summary>How busy the machine was while a run measured: CPU time by kind from <c>/proc/stat</c> over the run, and the load average at its end.</summary>
/// <remarks>
/// Timings move with what else the machine does; a run on a shared VM can be twice as slow as the same run minutes
/// later. These figures let a reader tell a quiet run from a busy one, and see CPU stolen by the hypervisor for other
/// tenants, which no process on the machine can show.
/// </remarks>
/// <param name="Seconds">Wall time between the two readings.</param>
/// <param name="BusyPercent">CPU time doing work (user, nice, system, irq, softirq) over all CPU time, in %.</param>
/// <param name="StealPercent">CPU time the hypervisor gave to other guests, in %.</param>
/// <param name="IoWaitPercent">Idle CPU time with I/O outstanding, in %.</param>
/// <param name="LoadAverage">The 1-minute load average at the end.</param>
public sealed record MachineActivity(double Seconds, double BusyPercent, double StealPercent, double IoWaitPercent, double? LoadAverage)
{
    /// <summary>The activity since <paramref name="start"/>, or null off Linux or when <c>/proc/stat</c> cannot be read.</summary>
    public static MachineActivity? Since(CpuTimes? start)
    {
        if (start is null || CpuTimes.Read() is not { } end)
        {
            return null;
        }

        var total = end.Total - start.Total;
        if (total <= 0)
        {
            return null;
        }

        double Share(long ticks) => Math.Round(100.0 * ticks / total, 1);
        return new MachineActivity(
            Math.Round((end.ReadAt - start.ReadAt).TotalSeconds, 1),
            Share(end.Busy - start.Busy),
            Share(end.Steal - start.Steal),
            Share(end.IoWait - start.IoWait),
            ReadLoadAverage());
    }

    /// <summary>One line for reports: <c>CPU 87 % busy, 0.4 % stolen, 0.2 % I/O wait over 312 s; load 2.1</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"CPU {BusyPercent:0.#} % busy, {StealPercent:0.#} % stolen by the hypervisor, {IoWaitPercent:0.#} % I/O wait over {Seconds:0} s{(LoadAverage is { } load ? $"; load average {load:0.##} at the end" : string.Empty)}");

    private static double? ReadLoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
