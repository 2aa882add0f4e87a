using Perf.Seed;
using Perf.Tests.Infrastructure;

namespace Perf.Tests.Seed;

/// <summary>The in-memory directory index builds sort in: made only when memory allows, writable by the server, gone after.</summary>
public sealed class SortDirectoryTests
{
    [Fact]
    public void TryCreate_WithinMemory_AWorldWritableStickyDirectoryRemovedOnDispose()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/dev/shm"))
        {
            DatabaseServerFixture.SkipOrFail("/dev/shm is Linux's");
            return;
        }

        // A directory left by a seeder that was killed (no process has its id) goes when the next one is made.
        var orphan = Directory.CreateDirectory($"/dev/shm/perf-seed-sort-{int.MaxValue}-{Guid.NewGuid():N}").FullName;

        var directory = SortDirectory.TryCreate(1 << 20);

        Assert.False(Directory.Exists(orphan));

        Assert.NotNull(directory);
        Assert.StartsWith("/dev/shm/", directory.Path, StringComparison.Ordinal);
        Assert.Equal((UnixFileMode)Convert.ToInt32("1777", 8), File.GetUnixFileMode(directory.Path));
        directory.Dispose();
        Assert.False(Directory.Exists(directory.Path));
    }

    [Fact]
    public void TryCreate_MoreThanHalfTheAvailableMemory_NoDirectory()
    {
        Assert.Null(SortDirectory.TryCreate(long.MaxValue / 4));
    }
}
