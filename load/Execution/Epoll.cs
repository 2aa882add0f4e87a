using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Perf.Load.Execution;

/// <summary>One Linux epoll instance (level-triggered), for the event-loop client.</summary>
/// <remarks>x86-64 Linux only: there the kernel's <c>struct epoll_event</c> is packed (12 bytes); elsewhere the runner falls back to blocking worker threads.</remarks>
internal sealed partial class Epoll : IDisposable
{
    private const int CloseOnExec = 0x80000;
    private const int Add = 1;
    private const int Delete = 2;
    private const int Modify = 3;
    private const uint Readable = 0x001;
    private const uint Writable = 0x004;
    private const int Interrupted = 4;
    private const int NotImplemented = 38;
    private static bool s_noPreciseWait;
    private readonly int _fd;

    public Epoll()
    {
        _fd = Create(CloseOnExec);
        if (_fd < 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "epoll_create1 failed");
        }
    }

    /// <summary>True where this class works: Linux on x86-64.</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    /// <summary>Watches <paramref name="socket"/> for incoming data, and also for room to write when <paramref name="writable"/> (a connect in progress), tagged with <paramref name="token"/>.</summary>
    public void Watch(SafeHandle socket, ulong token, bool writable = false)
    {
        var ev = new EpollEvent { Events = writable ? Readable | Writable : Readable, Data = token };
        if (Control(_fd, Add, (int)socket.DangerousGetHandle(), ref ev) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "epoll_ctl(ADD) failed");
        }
    }

    /// <summary>Watches <paramref name="socket"/> for incoming data only (its connect has completed).</summary>
    public void WatchReadableOnly(SafeHandle socket, ulong token)
    {
        var ev = new EpollEvent { Events = Readable, Data = token };
        if (Control(_fd, Modify, (int)socket.DangerousGetHandle(), ref ev) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "epoll_ctl(MOD) failed");
        }
    }

    /// <summary>Stops watching <paramref name="socket"/> (before it is closed, so a reused descriptor number is not confused with it).</summary>
    public void Remove(SafeHandle socket)
    {
        var ev = default(EpollEvent);
        _ = Control(_fd, Delete, (int)socket.DangerousGetHandle(), ref ev);
    }

    /// <summary>Waits up to <paramref name="timeoutMilliseconds"/> for sockets with data; returns how many of <paramref name="events"/> it filled (their <see cref="EpollEvent.Data"/> is the token).</summary>
    public int Wait(EpollEvent[] events, int timeoutMilliseconds)
    {
        var count = WaitCore(_fd, events, events.Length, timeoutMilliseconds);
        if (count >= 0)
        {
            return count;
        }

        var error = Marshal.GetLastPInvokeError();
        return error == Interrupted ? 0 : throw new Win32Exception(error, "epoll_wait failed");
    }

    /// <summary>Like <see cref="Wait"/> with a nanosecond timeout (<c>epoll_pwait2</c>, Linux 5.11); on older kernels the timeout is rounded down to whole milliseconds.</summary>
    public int WaitNanoseconds(EpollEvent[] events, long timeoutNanoseconds)
    {
        if (!s_noPreciseWait)
        {
            var timeout = new Timespec { Seconds = timeoutNanoseconds / 1_000_000_000, Nanoseconds = timeoutNanoseconds % 1_000_000_000 };
            try
            {
                var count = WaitPrecise(_fd, events, events.Length, ref timeout, IntPtr.Zero);
                if (count >= 0)
                {
                    return count;
                }

                var error = Marshal.GetLastPInvokeError();
                if (error == Interrupted)
                {
                    return 0;
                }

                s_noPreciseWait = error == NotImplemented ? true : throw new Win32Exception(error, "epoll_pwait2 failed");
            }
            catch (EntryPointNotFoundException)
            {
                // A C library older than glibc 2.35 has no wrapper.
                s_noPreciseWait = true;
            }
        }

        return Wait(events, (int)Math.Min(timeoutNanoseconds / 1_000_000, int.MaxValue));
    }

    public void Dispose() => _ = CloseCore(_fd);

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Create(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Control(int epfd, int operation, int fd, ref EpollEvent ev);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int WaitCore(int epfd, [Out] EpollEvent[] events, int maxEvents, int timeout);

    [LibraryImport("libc", EntryPoint = "epoll_pwait2", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int WaitPrecise(int epfd, [Out] EpollEvent[] events, int maxEvents, ref Timespec timeout, IntPtr signalMask);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int CloseCore(int fd);

    /// <summary><c>struct timespec</c> on 64-bit Linux.</summary>
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary>The kernel's <c>struct epoll_event</c> on x86-64: packed, 12 bytes.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    internal struct EpollEvent
    {
        public uint Events;
        public ulong Data;
    }
}
