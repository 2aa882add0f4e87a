using Perf.Seed;

namespace Perf.Tests.Seed;

public sealed class DirectIoTests : IDisposable
{
    // On the disk the tests run from, not /tmp (a tmpfs on some machines, which may refuse direct I/O).
    private readonly DirectoryInfo directory = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "direct-io-" + Guid.NewGuid().ToString("N")));

    public void Dispose() => directory.Delete(recursive: true);

    [Theory]
    [InlineData(0)]
    [InlineData(3 * 16_384)] // whole pages, as InnoDB's files are
    [InlineData((9 << 20) + 100)] // over two buffers, ending in part of a block
    public async Task CopyAsync_EveryByte_ProgressUpToTheSize(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        var source = Path.Combine(directory.FullName, "source");
        var target = Path.Combine(directory.FullName, "target");
        await File.WriteAllBytesAsync(source, bytes, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(target, "an older, longer file in the way of the copy", TestContext.Current.CancellationToken);
        var progress = new List<long>();

        var copied = await DirectIo.CopyAsync(source, target, progress.Add, TestContext.Current.CancellationToken);

        Assert.Equal(size, copied);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(target, TestContext.Current.CancellationToken));
        Assert.Equal(progress.Order(), progress);
        Assert.Equal(size, progress.DefaultIfEmpty(0).Last());
    }

    [Fact]
    public void TrySet_OnThisDisk_ReadsSkipThePageCache_SoAnUnalignedBufferIsRefused()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("O_DIRECT through fcntl is Linux only");
        }

        var path = Path.Combine(directory.FullName, "file");
        File.WriteAllBytes(path, new byte[8192]);
        using var file = File.OpenHandle(path);
        var buffer = new byte[8192];

        Assert.True(DirectIo.TrySet(file, true));
        Assert.Throws<IOException>(() => RandomAccess.Read(file, buffer.AsSpan(1, 4096), 0));
        Assert.True(DirectIo.TrySet(file, false));
        Assert.Equal(4096, RandomAccess.Read(file, buffer.AsSpan(1, 4096), 0));
    }
}
