using System.Globalization;
using System.Runtime.InteropServices;

namespace Perf.Load.Calibration;

/// <summary>
/// Which CPUs threads may run on (Linux <c>sched_setaffinity</c>), so calibration can keep the server under test and
/// its clients on different CPUs: a process started from a thread inherits that thread's CPUs, and a thread started
/// later inherits its creator's.
/// </summary>
internal static partial class CpuAffinity
{
    private const int MaskWords = 16; // 1024 CPUs, the kernel's default CPU_SETSIZE
    private const int NoSuchThread = 3; // ESRCH: a thread that ended while we listed them

    /// <summary>Whether this platform lets threads be pinned.</summary>
    public static bool IsSupported => OperatingSystem.IsLinux();

    /// <summary>The CPUs the calling thread may run on, ascending.</summary>
    public static int[] Allowed()
    {
        var mask = new ulong[MaskWords];
        if (SchedGetAffinity(0, MaskWords * sizeof(ulong), ref mask[0]) != 0)
        {
            throw new InvalidOperationException($"sched_getaffinity failed: errno {Marshal.GetLastPInvokeError()}.");
        }

        return [.. Enumerable.Range(0, MaskWords * 64).Where(cpu => (mask[cpu / 64] & (1UL << (cpu % 64))) != 0)];
    }

    /// <summary>
    /// The CPUs this thread may use, split for a server and its clients: the upper half for the server, the rest for
    /// the clients; null with fewer than two CPUs or where threads cannot be pinned.
    /// </summary>
    public static (int[] Server, int[] Clients)? Split() => IsSupported ? Split(Allowed()) : null;

    /// <summary><paramref name="allowed"/> (ascending) split: the upper half for a server, the rest for its clients.</summary>
    internal static (int[] Server, int[] Clients)? Split(int[] allowed)
    {
        var clients = allowed.Length - (allowed.Length / 2);
        return allowed.Length < 2 ? null : (allowed[clients..], allowed[..clients]);
    }

    /// <summary>Pins the calling thread (and what it starts from now on) to <paramref name="cpus"/>.</summary>
    public static void SetCurrentThread(IReadOnlyList<int> cpus) => Set(0, cpus);

    /// <summary>
    /// Pins every thread of this process to <paramref name="cpus"/>, listing them again until no new one appears (a
    /// thread started while pinning inherits the CPUs of its creator, which may not have been pinned yet).
    /// </summary>
    public static void SetProcess(IReadOnlyList<int> cpus)
    {
        var pinned = new HashSet<int>();
        while (true)
        {
            var threads = Directory.EnumerateDirectories("/proc/self/task")
                .Select(path => int.Parse(Path.GetFileName(path), CultureInfo.InvariantCulture))
                .Where(pinned.Add)
                .ToList();
            if (threads.Count == 0)
            {
                return;
            }

            foreach (var thread in threads)
            {
                Set(thread, cpus);
            }
        }
    }

    /// <summary>"0-3,6": the form taskset and /proc use.</summary>
    public static string Format(IReadOnlyList<int> cpus)
    {
        var ranges = new List<string>();
        for (var i = 0; i < cpus.Count;)
        {
            var end = i;
            while (end + 1 < cpus.Count && cpus[end + 1] == cpus[end] + 1)
            {
                end++;
            }

            ranges.Add(end == i ? cpus[i].ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{cpus[i]}-{cpus[end]}"));
            i = end + 1;
        }

        return string.Join(',', ranges);
    }

    private static void Set(int thread, IReadOnlyList<int> cpus)
    {
        var mask = new ulong[MaskWords];
        foreach (var cpu in cpus)
        {
            mask[cpu / 64] |= 1UL << (cpu % 64);
        }

        if (SchedSetAffinity(thread, MaskWords * sizeof(ulong), ref mask[0]) != 0 && Marshal.GetLastPInvokeError() is var errno && errno != NoSuchThread)
        {
            throw new InvalidOperationException($"sched_setaffinity({thread}, {Format(cpus)}) failed: errno {errno}.");
        }
    }

    [LibraryImport("libc", EntryPoint = "sched_getaffinity", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int SchedGetAffinity(int thread, nuint size, ref ulong mask);

    [LibraryImport("libc", EntryPoint = "sched_setaffinity", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int SchedSetAffinity(int thread, nuint size, ref ulong mask);
}
