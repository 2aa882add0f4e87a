using System.Net.Sockets;
using Perf.Seed;

namespace Perf.Tests.Seed;

/// <summary>The seeder's parts run side by side: the first to fail cancels the others, and its own failure is the run's.</summary>
public sealed class FailFastTests
{
    [Fact]
    public async Task WatchAsync_PartFails_CancelsTheOthersAndRethrowsItsFailure()
    {
        using var others = new CancellationTokenSource();
        var failFast = new FailFast(others);
        var failure = new InvalidOperationException("server gone");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failFast.WatchAsync(Task.FromException(failure)));

        Assert.Same(failure, error);
        Assert.Same(failure, failFast.First);
        Assert.True(others.IsCancellationRequested);
    }

    [Fact]
    public async Task WatchAsync_CancellingAnotherPartThrows_StillRethrowsThePartsFailureAndRunsEveryCallback()
    {
        // What MySqlConnector's command cancel does when the server has just died under it.
        using var others = new CancellationTokenSource();
        var ran = 0;
        others.Token.Register(() => Interlocked.Increment(ref ran));
        others.Token.Register(() => throw new SocketException((int)SocketError.NotConnected));
        var failFast = new FailFast(others);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failFast.WatchAsync(Task.FromException(new InvalidOperationException("server gone"))));

        Assert.Equal("server gone", error.Message);
        Assert.Equal(1, ran);
    }

    [Fact]
    public async Task WatchAsync_APartFailsBecauseAnEarlierOneDid_FirstStaysTheEarlierFailure()
    {
        using var others = new CancellationTokenSource();
        var failFast = new FailFast(others);
        var cause = new IOException("connection reset");
        var broken = new TaskCompletionSource();
        var later = failFast.WatchAsync(broken.Task);

        await Assert.ThrowsAsync<IOException>(() => failFast.WatchAsync(Task.FromException(cause)));
        broken.SetException(new InvalidOperationException("connection is broken"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => later);

        Assert.Same(cause, failFast.First);
    }

    [Fact]
    public async Task WatchAsync_PartSucceeds_CancelsNothing()
    {
        using var others = new CancellationTokenSource();
        var failFast = new FailFast(others);

        await failFast.WatchAsync(Task.CompletedTask);

        Assert.Null(failFast.First);
        Assert.False(others.IsCancellationRequested);
    }
}
