using System.Globalization;
using MySqlConnector;

namespace Perf.Harness.Provisioning;

/// <summary>Reads server-wide status counters (<c>SHOW GLOBAL STATUS</c>) on an admin connection of its own, so they can be read around timed executions.</summary>
/// <remarks>The counters are global: on the harness's own otherwise idle server their deltas count what the measured work did, plus next to nothing.</remarks>
public sealed class GlobalStatus : IAsyncDisposable
{
    private readonly MySqlConnection connection;
    private readonly string sql;

    private GlobalStatus(MySqlConnection connection, string sql)
    {
        this.connection = connection;
        this.sql = sql;
    }

    /// <summary>Opens the connection that will read <paramref name="names"/>.</summary>
    public static async Task<GlobalStatus> OpenAsync(string adminConnectionString, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(names);
        var connection = new MySqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

        // Status variable names are identifiers from the callers' constants, never user input.
        return new GlobalStatus(connection, $"SHOW GLOBAL STATUS WHERE Variable_name IN ({string.Join(", ", names.Select(n => $"'{n}'"))})");
    }

    /// <summary>The counters now, by name (case as the server reports it, compared ignoring case).</summary>
    public async Task<IReadOnlyDictionary<string, long>> ReadAsync(CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var values = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            values[reader.GetString(0)] = long.Parse(reader.GetString(1), CultureInfo.InvariantCulture);
        }

        return values;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
