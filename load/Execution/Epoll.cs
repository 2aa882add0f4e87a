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
    private const uint Readable = 0x001;
    private const int Interrupted = 4;
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

    /// <summary>Watches <paramref name="socket"/> for incoming data, tagged with <paramref name="token"/>.</summary>
    public void AddReadable(SafeHandle socket, ulong token)
    {
        var ev = new EpollEvent { Events = Readable, Data = token };
        if (Control(_fd, Add, (int)socket.DangerousGetHandle(), ref ev) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "epoll_ctl(ADD) failed");
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

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int CloseCore(int fd);

    /// <summary>The kernel's <c>struct epoll_event</c> on x86-64: packed, 12 bytes.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    internal struct EpollEvent
    {
        public uint Events;
        public ulong Data;
    }
}
