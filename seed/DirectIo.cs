using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Perf.Seed;

/// <summary>Direct I/O (<c>O_DIRECT</c>) on an open file: reads and writes go between the device and this process's buffer, not through the page cache.</summary>
/// <remarks>
/// Copying basic's 8 GB of table files through the page cache kept one core busy in the kernel for the 30–45 s of the
/// copy (28–32 CPU-seconds of the seeder in the medium runs, with reads and writes and with <c>copy_file_range</c>
/// alike) while the partitioned index builds needed it; with direct I/O the copy took 1.6. Buffers, lengths and offsets
/// must then be multiples of the device's block size (<see cref="Alignment"/> covers every common one).
/// </remarks>
internal static partial class DirectIo
{
    /// <summary>The alignment direct I/O needs of buffers, lengths and offsets.</summary>
    private const int Alignment = 4096;

    private const int GetStatusFlags = 3;
    private const int SetStatusFlags = 4;

    /// <summary><c>O_DIRECT</c> on this architecture (040000 on x86, 0200000 on Arm), null where unknown or not Linux.</summary>
    private static int? Flag => !OperatingSystem.IsLinux() ? null : RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 or Architecture.X86 => 0x4000,
        Architecture.Arm64 or Architecture.Arm => 0x10000,
        _ => null,
    };

    /// <summary>Turns direct I/O on or off for <paramref name="file"/>.</summary>
    /// <returns>False where the system or the file system does not support it (then nothing changed).</returns>
    public static bool TrySet(SafeFileHandle file, bool enabled)
    {
        if (Flag is not { } direct)
        {
            return false;
        }

        var flags = Fcntl(file, GetStatusFlags, 0);
        return flags >= 0 && Fcntl(file, SetStatusFlags, enabled ? flags | direct : flags & ~direct) == 0;
    }

    /// <summary>Copies <paramref name="sourcePath"/> to <paramref name="targetPath"/> (created or truncated) past the page cache where both file systems allow it, otherwise through it.</summary>
    /// <param name="copied">Called with the bytes copied so far.</param>
    /// <returns>The bytes copied.</returns>
    public static async Task<long> CopyAsync(string sourcePath, string targetPath, Action<long> copied, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(copied);
        using var source = File.OpenHandle(sourcePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, FileOptions.SequentialScan);
        using var target = File.OpenHandle(targetPath, FileMode.Create, FileAccess.Write);
        var direct = TrySet(source, true) && TrySet(target, true);
        if (!direct)
        {
            TrySet(source, false);
        }

        const int BufferBytes = 4 << 20;
        var buffer = AlignedBuffer(BufferBytes);
        long done = 0;
        int read;
        while ((read = await RandomAccess.ReadAsync(source, buffer, done, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (direct && read % Alignment != 0)
            {
                // The file ends in part of a block, which direct I/O cannot write (nor read past).
                TrySet(source, false);
                TrySet(target, false);
                direct = false;
            }

            await RandomAccess.WriteAsync(target, buffer[..read], done, cancellationToken).ConfigureAwait(false);
            done += read;
            copied(done);
        }

        return done;
    }

    /// <summary>A buffer of <paramref name="bytes"/> (a multiple of <see cref="Alignment"/>) that starts on an aligned address: a slice of a pinned array, which never moves.</summary>
    private static Memory<byte> AlignedBuffer(int bytes)
    {
        var block = GC.AllocateUninitializedArray<byte>(bytes + Alignment, pinned: true);
        var misalignment = (int)(Marshal.UnsafeAddrOfPinnedArrayElement(block, 0) % Alignment);
        return block.AsMemory((Alignment - misalignment) % Alignment, bytes);
    }

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int Fcntl(SafeFileHandle fd, int command, int argument);
}
