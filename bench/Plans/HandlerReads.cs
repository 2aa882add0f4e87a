using Dapper;
using MySqlConnector;

namespace Perf.Bench.Plans;

/// <summary>The session <c>Handler_read_*</c> counters: rows and index entries the storage engine handed to the server.</summary>
/// <remarks>
/// Unlike EXPLAIN's estimates these are exact and repeat from run to run on the same data and plan, so gates compare
/// them. <see cref="Total"/> counts every row fetched by any access path (first/last/key positionings plus next/prev and
/// random reads).
/// </remarks>
public sealed record HandlerReads(long First, long Key, long Last, long Next, long Prev, long Rnd, long RndNext)
{
    /// <summary>All zeros.</summary>
    public static HandlerReads Zero { get; } = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>Every row read through any handler call.</summary>
    public long Total => First + Key + Last + Next + Prev + Rnd + RndNext;

    /// <summary>The counters from <c>SHOW SESSION STATUS LIKE 'Handler_read%'</c> rows (name, value).</summary>
    public static HandlerReads From(IEnumerable<KeyValuePair<string, string>> status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var values = status.ToDictionary(p => p.Key, p => long.Parse(p.Value, System.Globalization.CultureInfo.InvariantCulture), StringComparer.OrdinalIgnoreCase);
        return new HandlerReads(
            Get("Handler_read_first"), Get("Handler_read_key"), Get("Handler_read_last"), Get("Handler_read_next"),
            Get("Handler_read_prev"), Get("Handler_read_rnd"), Get("Handler_read_rnd_next"));

        long Get(string name) => values.TryGetValue(name, out var value) ? value : 0;
    }

    /// <summary>The counters of <paramref name="connection"/>'s session now (reading them adds a few reads of its own).</summary>
    public static async Task<HandlerReads> ReadAsync(MySqlConnection connection, CancellationToken cancellationToken = default)
    {
        var rows = await connection.QueryAsync<(string Name, string Value)>(new CommandDefinition(
            "SHOW SESSION STATUS LIKE 'Handler_read%'", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return From(rows.Select(r => KeyValuePair.Create(r.Name, r.Value)));
    }

    /// <summary>The counts between two readings.</summary>
    public static HandlerReads operator -(HandlerReads after, HandlerReads before)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(before);
        return new(
            after.First - before.First, after.Key - before.Key, after.Last - before.Last, after.Next - before.Next,
            after.Prev - before.Prev, after.Rnd - before.Rnd, after.RndNext - before.RndNext);
    }

    /// <summary>Same as the <c>-</c> operator, for languages without operators.</summary>
    public HandlerReads Subtract(HandlerReads before) => this - before;
}
