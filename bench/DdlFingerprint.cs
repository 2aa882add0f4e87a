using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using MySqlConnector;
using Telemetry.Data.Schema;

namespace Perf.Bench;

/// <summary>Hashes the DDL a variant database really has (indexes and partitions included), for the run manifest.</summary>
public static partial class DdlFingerprint
{
    /// <summary>SHA-256 (16 hex digits) of the live tables' <c>SHOW CREATE TABLE</c>, without the AUTO_INCREMENT counter.</summary>
    public static async Task<string> ComputeAsync(MySqlConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var text = new StringBuilder();
        foreach (var table in TelemetryTable.Live)
        {
            var row = await connection.QueryFirstAsync<(string Table, string Ddl)>(
                new CommandDefinition($"SHOW CREATE TABLE `{table.Name}`", cancellationToken: cancellationToken)).ConfigureAwait(false);
            text.AppendLine(AutoIncrement().Replace(row.Ddl, string.Empty));
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    [GeneratedRegex(@" AUTO_INCREMENT=\d+", RegexOptions.CultureInvariant)]
    private static partial Regex AutoIncrement();
}
