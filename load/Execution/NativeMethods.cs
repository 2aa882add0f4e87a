using System.Runtime.InteropServices;

namespace Perf.Load.Execution;

/// <summary>The libc calls the dispatcher needs: a sub-millisecond sleep and a tight timer slack.</summary>
internal static partial class NativeMethods
{
    /// <summary>Suspends the calling thread for at least <paramref name="microseconds"/> µs (plus the kernel's ~50 µs timer slack).</summary>
    [LibraryImport("libc", EntryPoint = "usleep")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static partial int Usleep(uint microseconds);

    /// <summary><c>prctl(PR_SET_TIMERSLACK, nanoseconds)</c>: how late the kernel may wake this thread (default 50 µs).</summary>
    [LibraryImport("libc", EntryPoint = "prctl")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static partial int Prctl(int option, nuint argument2, nuint argument3, nuint argument4, nuint argument5);

    /// <summary><c>PR_SET_TIMERSLACK</c>.</summary>
    internal const int SetTimerSlack = 29;
}
