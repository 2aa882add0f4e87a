using System.Diagnostics;
using System.Globalization;

namespace Perf.Seed.Cli;

/// <summary>The process's peak resident set size.</summary>
internal static class PeakMemory
{
    /// <summary>Peak RSS in bytes: <c>VmHWM</c> on Linux, the peak working set elsewhere.</summary>
    public static long Bytes()
    {
        const string StatusFile = "/proc/self/status";
        if (File.Exists(StatusFile))
        {
            foreach (var line in File.ReadLines(StatusFile))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kb = line["VmHWM:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }

        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
