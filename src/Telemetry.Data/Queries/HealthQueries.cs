using Dapper;
using MySqlConnector;
using Telemetry.Data.Model;

namespace Telemetry.Data.Queries;

/// <summary>Reads system-health samples from <c>dd_system_health</c>.</summary>
public sealed class HealthQueries(MySqlDataSource dataSource, StatementMode statements = StatementMode.Text)
{
    private const string HealthSql = """
        SELECT id AS Id, profile_id AS ProfileId, script_name AS ScriptName, `timestamp` AS Timestamp, status AS Status,
               cpu_percent AS CpuPercent, memory_mb AS MemoryMb, latency_ms AS LatencyMs, error_count AS ErrorCount, message AS Message
        FROM dd_system_health
        WHERE profile_id = @profileId AND script_name = @scriptName
          AND `timestamp` >= @start AND `timestamp` <= @end
        ORDER BY `timestamp` DESC, id DESC
        LIMIT @limit OFFSET @offset
        """;

    /// <summary>The exact SQL and parameters <see cref="GetHealthAsync"/> runs, for plan capture.</summary>
    public static CommandDefinition BuildCommand(HealthQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new(HealthSql, new
        {
            profileId = query.ProfileId,
            scriptName = query.ScriptName,
            start = query.Range.Start,
            end = query.Range.End,
            limit = query.Limit,
            offset = query.Offset,
        }, cancellationToken: cancellationToken);
    }

    /// <summary>A page of samples in the range, newest first.</summary>
    public async Task<IReadOnlyList<HealthSample>> GetHealthAsync(HealthQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await StatementExecution.QueryAsync<HealthSample>(connection, BuildCommand(query, cancellationToken), statements).ConfigureAwait(false);
    }
}
