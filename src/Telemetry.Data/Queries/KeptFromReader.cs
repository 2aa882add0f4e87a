using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;
using Telemetry.Data.Lifecycle;
using Telemetry.Data.Schema;

namespace Telemetry.Data.Queries;

/// <summary>Reads <see cref="KeptFrom"/> from the cutoffs <c>archive</c> records before it moves or deletes a row (<see cref="RetentionCutoffs"/>), holding each reading a while.</summary>
/// <param name="dataSource">The database.</param>
/// <param name="time">The clock a reading is held by; default the system's.</param>
/// <param name="logger">Where a failed background refresh is logged (no request sees it); default nowhere.</param>
/// <remarks>
/// <para>
/// One reading is shared by every request for <see cref="Refresh"/>, so a request costs no statement of its own: for up to
/// that long after an archive starts (and for as long as the next reading takes), a range over what it moves can still be
/// answered from the rows not yet moved.
/// </para>
/// <para>
/// Once a reading has succeeded, no request waits for the database here again: a stale reading is refreshed in the
/// background while requests go on with the last good one, and a refresh that fails (the database down or hung) keeps
/// it and is tried again by the next request. That is safe because a cutoff only ever moves forward (retention records
/// <c>GREATEST(cutoff, new)</c>): an old reading lets through at worst a range the newest one would refuse, the same
/// window as a reading's lifetime, and only while the database cannot be asked, when no fresh answer can be computed
/// anyway and what passes is served from cache. Only the first reading is waited for, by each request on its own token;
/// a failed refresh, which no request awaits, is logged as a warning instead.
/// </para>
/// </remarks>
public sealed partial class KeptFromReader(MySqlDataSource dataSource, TimeProvider? time = null, ILogger<KeptFromReader>? logger = null)
{
    /// <summary>How long a reading is answered from before it is refreshed.</summary>
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(30);

    private readonly TimeProvider clock = time ?? TimeProvider.System;
    private readonly ILogger logger = logger ?? NullLogger<KeptFromReader>.Instance;
    private readonly Lock gate = new();
    private KeptFrom? good;
    private DateTimeOffset goodAt;
    private Task<KeptFrom>? pending;

    /// <summary>Where each live table holds its rows from, as last read (normally at most <see cref="Refresh"/> ago; see the remarks for a failed refresh).</summary>
    /// <param name="cancellationToken">Stops this caller's wait for the first reading; the reading itself is shared, so it goes on for the others.</param>
    /// <exception cref="MySqlException">No reading has succeeded yet, and this one failed.</exception>
    public async ValueTask<KeptFrom> ReadAsync(CancellationToken cancellationToken = default)
    {
        Task<KeptFrom> first;
        lock (gate)
        {
            var now = clock.GetUtcNow();
            if (good is not null && now - goodAt < Refresh)
            {
                return good;
            }

            // One reading at a time for every request that finds none fresh, tied to no one request's cancellation;
            // started on the pool, so its completion never runs inside this lock.
            pending ??= Task.Run(() => ReadAndKeepAsync(now, good), CancellationToken.None);
            if (good is not null)
            {
                return good;
            }

            first = pending;
        }

        return await first.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <param name="startedAt">When the reading began: it is held from then.</param>
    /// <param name="lastGood">The reading requests go on with meanwhile, or null when this is the first, which they await.</param>
    private async Task<KeptFrom> ReadAndKeepAsync(DateTimeOffset startedAt, KeptFrom? lastGood)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync().ConfigureAwait(false);
            var cutoffs = await RetentionCutoffs.ReadAllAsync(connection, CancellationToken.None).ConfigureAwait(false);
            var kept = new KeptFrom(cutoffs.For(TelemetryTable.Trades), cutoffs.For(TelemetryTable.Metrics), cutoffs.For(TelemetryTable.Health));
            lock (gate)
            {
                (good, goodAt) = (kept, startedAt);
            }

            return kept;
        }
        catch (Exception exception) when (lastGood is not null)
        {
            // A refresh in the background: nobody awaits it, so its failure is logged here and the last good reading stays.
            LogRefreshFailed(logger, exception, clock.GetUtcNow() - startedAt, lastGood);
            return lastGood;
        }
        finally
        {
            // Done, either way: the next request that finds no fresh reading starts another.
            lock (gate)
            {
                pending = null;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the retention cutoffs failed after {Elapsed}; answering from the last good reading ({KeptFrom}) until a later request's refresh succeeds")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, TimeSpan elapsed, KeptFrom keptFrom);
}
