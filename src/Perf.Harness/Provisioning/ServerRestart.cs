using System.Globalization;

namespace Perf.Harness.Provisioning;

/// <summary>How to start a local server again: its usual settings with these on top, and an empty buffer pool.</summary>
/// <param name="BufferPoolBytes">The buffer pool size to start with (a memory-constrained scale model), or null for the usual size.</param>
/// <param name="DirectIo">Read and write data files with <c>O_DIRECT</c>, so a page the buffer pool lacks comes from the disk and not from the OS page cache.</param>
/// <param name="KeepOsPageCache">Leave the OS page cache alone (a restart as production sees it, e.g. an injected fault); by default it is dropped where permitted, so the restart measures a cold cache.</param>
public sealed record ServerRestart(long? BufferPoolBytes = null, bool DirectIo = false, bool KeepOsPageCache = false)
{
    /// <summary>The smallest buffer pool the harness starts a server with: one 32 MiB chunk; smaller pools thrash on the queries' own upper index levels.</summary>
    public const long MinimumBufferPoolBytes = 32L << 20;

    /// <summary>The memory-constrained state's buffer pool unless <c>--buffer-pool</c> says otherwise.</summary>
    public const long DefaultConstrainedBufferPoolBytes = 256L << 20;

    /// <summary>The usual settings, buffered I/O.</summary>
    public static readonly ServerRestart Usual = new();

    /// <summary>The server arguments that come after the usual ones (the last occurrence of a setting wins).</summary>
    internal IEnumerable<string> Arguments()
    {
        if (BufferPoolBytes is { } bytes)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"--innodb-buffer-pool-size={bytes}");
        }

        if (DirectIo)
        {
            yield return "--innodb-flush-method=O_DIRECT";
        }
    }
}
