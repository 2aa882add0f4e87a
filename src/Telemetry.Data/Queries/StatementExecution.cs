using Dapper;
using MySqlConnector;

namespace Telemetry.Data.Queries;

/// <summary>Runs a query layer command as text (Dapper) or as a server-side prepared statement, mapping rows the same way.</summary>
internal static class StatementExecution
{
    /// <summary>The rows of <paramref name="definition"/>, each mapped to <typeparamref name="T"/> by Dapper.</summary>
    public static async Task<List<T>> QueryAsync<T>(MySqlConnection connection, CommandDefinition definition, StatementMode mode)
    {
        if (mode == StatementMode.Text)
        {
            return (await connection.QueryAsync<T>(definition).ConfigureAwait(false)).AsList();
        }

        // Dapper never prepares (DapperLib/Dapper#474): the command is built here and only the row mapping is Dapper's.
        await using var command = new MySqlCommand(definition.CommandText, connection);
        foreach (var (name, value) in ParameterValues(definition.Parameters))
        {
            command.Parameters.AddWithValue("@" + name, value);
        }

        await command.PrepareAsync(definition.CancellationToken).ConfigureAwait(false);
        await using var reader = await command.ExecuteReaderAsync(definition.CancellationToken).ConfigureAwait(false);
        var parse = reader.GetRowParser<T>();
        var rows = new List<T>();
        while (await reader.ReadAsync(definition.CancellationToken).ConfigureAwait(false))
        {
            rows.Add(parse(reader));
        }

        return rows;
    }

    /// <summary>The names and values of a command's parameters: an anonymous object's properties, or a <see cref="DynamicParameters"/> filled by name.</summary>
    internal static IEnumerable<(string Name, object? Value)> ParameterValues(object? parameters) => parameters switch
    {
        null => [],
        DynamicParameters dynamic => dynamic.ParameterNames.Select(name => (name, dynamic.Get<object?>(name))),
        _ => parameters.GetType().GetProperties().Select(p => (p.Name, p.GetValue(parameters))),
    };
}
