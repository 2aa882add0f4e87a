using System.Runtime.InteropServices;

namespace Perf.Load.Execution;

/// <summary>The one libc call the dispatcher needs: a sub-millisecond sleep.</summary>
internal static partial class NativeMethods
{
    /// <summary>Suspends the calling thread for at least <paramref name="microseconds"/> µs (plus the kernel's ~50 µs timer slack).</summary>
    [LibraryImport("libc", EntryPoint = "usleep")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    internal static partial int Usleep(uint microseconds);
}
