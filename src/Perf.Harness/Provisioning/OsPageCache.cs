namespace Perf.Harness.Provisioning;

/// <summary>Drops the Linux page cache, where this process may, so a restarted server reads its files from the disk.</summary>
internal static class OsPageCache
{
    private const string DropCaches = "/proc/sys/vm/drop_caches";

    /// <summary>Writes dirty pages back (<c>sync</c>), then drops clean page cache pages; false when not permitted or not Linux.</summary>
    public static async Task<bool> TryDropAsync(CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess || ExecutableLocator.Find(["sync"]) is not { } sync)
        {
            return false;
        }

        var (exitCode, _) = await ChildProcess.RunAsync(sync, [], TimeSpan.FromMinutes(2), cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            return false;
        }

        try
        {
            await File.WriteAllTextAsync(DropCaches, "1", cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A container's read-only /proc/sys: the caller records that the cache was not dropped.
            return false;
        }
    }
}
