using MySqlConnector;
using Telemetry.Data.Lifecycle;
using Telemetry.Data.Schema;

namespace Telemetry.Data.Queries;

/// <summary>Reads <see cref="KeptFrom"/> from the cutoffs <c>archive</c> records before it moves or deletes a row (<see cref="RetentionCutoffs"/>), holding each reading a while.</summary>
/// <param name="dataSource">The database.</param>
/// <param name="time">The clock a reading is held by; default the system's.</param>
/// <remarks>
/// One reading is shared by every request for <see cref="Refresh"/>, so a request costs no statement of its own: for up to
/// that long after an archive starts, a range over what it moves can still be answered from the rows not yet moved.
/// </remarks>
public sealed class KeptFromReader(MySqlDataSource dataSource, TimeProvider? time = null)
{
    /// <summary>How long a reading is answered from.</summary>
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(30);

    private readonly TimeProvider clock = time ?? TimeProvider.System;
    private Reading? last;

    /// <summary>Where each live table holds its rows from, as last read (at most <see cref="Refresh"/> ago).</summary>
    public async ValueTask<KeptFrom> ReadAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var reading = Volatile.Read(ref last);
        if (reading is null || now - reading.At >= Refresh)
        {
            // One reading for every request that finds the last one stale, tied to no one request's cancellation.
            var next = new Reading(new Lazy<Task<KeptFrom>>(ReadNowAsync), now);
            reading = Interlocked.CompareExchange(ref last, next, reading) == reading ? next : Volatile.Read(ref last)!;
        }

        try
        {
            return await reading.Kept.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch when (!cancellationToken.IsCancellationRequested)
        {
            // A failed reading is not kept: the next request reads again.
            Interlocked.CompareExchange(ref last, null, reading);
            throw;
        }
    }

    private async Task<KeptFrom> ReadNowAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
        var cutoffs = await RetentionCutoffs.ReadAllAsync(connection, CancellationToken.None).ConfigureAwait(false);
        return new KeptFrom(cutoffs.For(TelemetryTable.Trades), cutoffs.For(TelemetryTable.Metrics), cutoffs.For(TelemetryTable.Health));
    }

    private sealed record Reading(Lazy<Task<KeptFrom>> Kept, DateTimeOffset At);
}
