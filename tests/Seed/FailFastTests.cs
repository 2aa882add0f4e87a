using System.Net.Sockets;
using Perf.Seed;

namespace Perf.Tests.Seed;

/// <summary>The seeder's parts run side by side: the first to fail cancels the others, and its own failure is what surfaces.</summary>
public sealed class FailFastTests
{
    [Fact]
    public async Task FailFastAsync_PartFails_CancelsTheOthersAndRethrowsItsFailure()
    {
        using var others = new CancellationTokenSource();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DatasetSeeder.FailFastAsync(Task.FromException(new InvalidOperationException("server gone")), others));

        Assert.Equal("server gone", error.Message);
        Assert.True(others.IsCancellationRequested);
    }

    [Fact]
    public async Task FailFastAsync_CancellingAnotherPartThrows_StillRethrowsThePartsFailureAndRunsEveryCallback()
    {
        // What MySqlConnector's command cancel does when the server has just died under it.
        using var others = new CancellationTokenSource();
        var ran = 0;
        others.Token.Register(() => Interlocked.Increment(ref ran));
        others.Token.Register(() => throw new SocketException((int)SocketError.NotConnected));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DatasetSeeder.FailFastAsync(Task.FromException(new InvalidOperationException("server gone")), others));

        Assert.Equal("server gone", error.Message);
        Assert.Equal(1, ran);
    }

    [Fact]
    public async Task FailFastAsync_PartSucceeds_CancelsNothing()
    {
        using var others = new CancellationTokenSource();

        await DatasetSeeder.FailFastAsync(Task.CompletedTask, others);

        Assert.False(others.IsCancellationRequested);
    }
}
