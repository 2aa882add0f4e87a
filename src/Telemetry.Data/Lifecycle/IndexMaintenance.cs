using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MySqlConnector;
using Telemetry.Data.Schema;

namespace Telemetry.Data.Lifecycle;

/// <summary>Refreshes index statistics with <c>ANALYZE TABLE</c> so the optimizer keeps choosing the right index as tables grow.</summary>
public sealed class IndexMaintenance(MySqlDataSource dataSource, ILogger? logger = null)
{
    private readonly ILogger logger = logger ?? NullLogger.Instance;

    /// <summary>Analyzes every telemetry table that exists and returns the server's status line per table.</summary>
    public async Task<IReadOnlyList<AnalyzeResult>> AnalyzeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await AnalyzeAsync(connection, logger, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Analyzes every telemetry table that exists in the connection's database and returns the server's status line per table.</summary>
    public static async Task<IReadOnlyList<AnalyzeResult>> AnalyzeAsync(MySqlConnection connection, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(logger);
        var existing = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()", cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToHashSet(StringComparer.Ordinal);
        var results = new List<AnalyzeResult>();
        foreach (var table in TelemetryTable.All.Where(t => existing.Contains(t.Name)))
        {
            var rows = await connection.QueryAsync<(string Table, string Op, string MsgType, string MsgText)>(new CommandDefinition(
                $"ANALYZE TABLE `{table.Name}`", commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var status = string.Join("; ", rows.Select(r => $"{r.MsgType}: {r.MsgText}"));
            LifecycleLog.Analyzed(logger, table.Name, status);
            results.Add(new AnalyzeResult(table.Name, status, rows.All(r => r.MsgType is "status" or "note")));
        }

        return results;
    }
}
