using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Perf.Seed;

/// <summary>Linux's <c>copy_file_range</c>: bytes copied from one file to another inside the kernel, never through this process's memory.</summary>
/// <remarks>
/// Copying basic's table files (8 GB for the medium preset) with reads and writes cost the seeder 29–31 CPU-seconds, on
/// the two cores the partitioned index builds were using at that moment; by hand, a 6.2 GB file took 17.2 CPU-seconds
/// that way and <c>cp</c> (this call) 6.2 for 7.9 GB.
/// </remarks>
internal static partial class FileRangeCopy
{
    /// <summary>EINTR: interrupted before copying anything; call again.</summary>
    private const int Interrupted = 4;

    /// <summary>EXDEV, EINVAL, ENOSYS, EOPNOTSUPP: this kernel or file system cannot copy these files this way.</summary>
    private static readonly int[] Unsupported = [18, 22, 38, 95];

    /// <summary>Copies up to <paramref name="count"/> bytes at <paramref name="offset"/> of <paramref name="source"/> to the same offset of <paramref name="target"/>.</summary>
    /// <returns>The bytes copied (0 at the end of the source), or null where the kernel or file system cannot (copy through memory instead).</returns>
    /// <exception cref="IOException">Any other error, its errno as <see cref="Exception.HResult"/> as .NET's own file errors carry it (ENOSPC for a full disk).</exception>
    public static long? TryCopy(SafeFileHandle source, SafeFileHandle target, long offset, long count)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        while (true)
        {
            var sourceOffset = offset;
            var targetOffset = offset;
            var copied = CopyFileRange(source, ref sourceOffset, target, ref targetOffset, (nuint)count, 0);
            if (copied >= 0)
            {
                return copied;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno != Interrupted)
            {
                return Unsupported.Contains(errno) ? null : throw new IOException($"copy_file_range: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "copy_file_range", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial nint CopyFileRange(SafeFileHandle sourceFd, ref long sourceOffset, SafeFileHandle targetFd, ref long targetOffset, nuint length, uint flags);
}
