using System.Threading.RateLimiting;

namespace Telemetry.Api.Http;

/// <summary>A <see cref="ConcurrencyLimiter"/> whose queued requests give up after a fixed wait, so a queue never holds a request longer than that.</summary>
internal sealed class BoundedWaitConcurrencyLimiter(ConcurrencyLimiterOptions options, TimeSpan maximumWait) : RateLimiter
{
    private readonly ConcurrencyLimiter _inner = new(options);

    public override TimeSpan? IdleDuration => _inner.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => _inner.GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => _inner.AttemptAcquire(permitCount);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(maximumWait);
        try
        {
            return await _inner.AcquireAsync(permitCount, wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return WaitExpiredLease.Instance;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await _inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsyncCore().ConfigureAwait(false);
    }

    private sealed class WaitExpiredLease : RateLimitLease
    {
        public static readonly WaitExpiredLease Instance = new();

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
