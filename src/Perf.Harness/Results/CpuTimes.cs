using System.Globalization;

namespace Perf.Harness.Results;

/// <summary>The machine's cumulative CPU time by kind, in clock ticks, from the first line of <c>/proc/stat</c>.</summary>
/// <param name="ReadAt">When it was read.</param>
/// <param name="Busy">User, nice, system, irq and softirq.</param>
/// <param name="IoWait">Idle with I/O outstanding.</param>
/// <param name="Steal">Given to other guests by the hypervisor.</param>
/// <param name="Total">All of it, idle included.</param>
public sealed record CpuTimes(DateTime ReadAt, long Busy, long IoWait, long Steal, long Total)
{
    /// <summary>The times now, or null off Linux or when the file cannot be read.</summary>
    public static CpuTimes? Read()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            using var reader = new StreamReader("/proc/stat");
            return Parse(reader.ReadLine());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Parses the aggregate line <c>cpu  user nice system idle iowait irq softirq steal …</c>; null when it is not one.</summary>
    internal static CpuTimes? Parse(string? line)
    {
        var fields = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields is null || fields.Length < 9 || fields[0] != "cpu")
        {
            return null;
        }

        var ticks = new long[8];
        for (var i = 0; i < ticks.Length; i++)
        {
            if (!long.TryParse(fields[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out ticks[i]))
            {
                return null;
            }
        }

        var (user, nice, system, idle, ioWait, irq, softIrq, steal) = (ticks[0], ticks[1], ticks[2], ticks[3], ticks[4], ticks[5], ticks[6], ticks[7]);
        return new CpuTimes(DateTime.UtcNow, user + nice + system + irq + softIrq, ioWait, steal, user + nice + system + idle + ioWait + irq + softIrq + steal);
    }
}
