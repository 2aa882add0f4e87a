using Dapper;
using MySqlConnector;
using Perf.Bench.Queries;
using Telemetry.Data;
using Telemetry.Data.Schema;

namespace Perf.Bench.Plans;

/// <summary>Captures the estimated and actual plans and the exact handler reads of query cases on one connection.</summary>
/// <remarks>
/// One connection for the whole capture: session status counters are per session, and a pooled connection's reset
/// would zero them between the before and after readings.
/// </remarks>
public sealed class PlanCapture(MySqlConnection connection, ServerFlavor flavor)
{
    private const string PageStatusSql = "SHOW SESSION STATUS WHERE Variable_name IN ('Innodb_buffer_pool_read_requests', 'Innodb_buffer_pool_reads')";

    private HandlerReads? overhead;

    /// <summary>Captures one case: EXPLAIN, the actual-execution plan, a warm-up run, then a measured run between status readings.</summary>
    public async Task<PlanResult> CaptureAsync(QueryCase queryCase, SchemaVariant variant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queryCase);
        overhead ??= await PrepareSessionAsync(cancellationToken).ConfigureAwait(false);
        var command = queryCase.Command;
        var explain = await ScalarAsync("EXPLAIN FORMAT=JSON " + command.CommandText, command.Parameters, cancellationToken).ConfigureAwait(false);
        var analyze = await ScalarAsync(
            (flavor == ServerFlavor.MariaDb ? "ANALYZE FORMAT=JSON " : "EXPLAIN ANALYZE ") + command.CommandText, command.Parameters, cancellationToken).ConfigureAwait(false);

        var estimated = JsonPlanParser.Parse(explain);
        var actual = flavor == ServerFlavor.MariaDb ? JsonPlanParser.Parse(analyze) : AnalyzeTreeParser.Parse(analyze);

        _ = await CountRowsAsync(command.CommandText, command.Parameters, cancellationToken).ConfigureAwait(false);
        var pagesBefore = await ReadPagesAsync(cancellationToken).ConfigureAwait(false);
        var before = await ReadHandlersAsync(cancellationToken).ConfigureAwait(false);
        var returned = await CountRowsAsync(command.CommandText, command.Parameters, cancellationToken).ConfigureAwait(false);
        var after = await ReadHandlersAsync(cancellationToken).ConfigureAwait(false);
        var pagesAfter = await ReadPagesAsync(cancellationToken).ConfigureAwait(false);
        var pages = PageReads.Of(analyze, pagesBefore, pagesAfter);

        var main = estimated.Main;
        return new PlanResult(
            queryCase.Name,
            variant,
            main?.AccessType ?? "none",
            main?.Index,
            main?.KeyParts ?? [],
            main?.Partitions ?? [],
            estimated.Filesort || actual.Filesort,
            estimated.TemporaryTable || actual.TemporaryTable,
            main?.RowsEstimated,
            actual.RowsExamined,
            returned,
            after - before - overhead,
            actual.TotalTimeMs,
            command.CommandText,
            queryCase.Parameters,
            explain,
            analyze)
        {
            Pages = pages,
        };
    }

    /// <summary>
    /// Readies the session once: MariaDB's query cache off (a server the harness did not start may have it on, and the measured
    /// run repeats the warm-up's text, so the cache would answer it with no handler reads, and every bound would pass), then
    /// the handler reads of reading the status itself (0 on MariaDB 10.11; MySQL versions differ), subtracted from every delta.
    /// </summary>
    private async Task<HandlerReads> PrepareSessionAsync(CancellationToken cancellationToken)
    {
        if (flavor == ServerFlavor.MariaDb)
        {
            await connection.ExecuteAsync(new CommandDefinition("SET SESSION query_cache_type = OFF", cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        var first = await ReadHandlersAsync(cancellationToken).ConfigureAwait(false);
        var second = await ReadHandlersAsync(cancellationToken).ConfigureAwait(false);
        return second - first;
    }

    private Task<HandlerReads> ReadHandlersAsync(CancellationToken cancellationToken) => HandlerReads.ReadAsync(connection, cancellationToken);

    /// <summary>The buffer pool's page requests and disk reads so far: server-wide counters (<c>SESSION</c> shows the global values for them).</summary>
    private async Task<(long Requests, long Reads)> ReadPagesAsync(CancellationToken cancellationToken)
    {
        var rows = (await connection.QueryAsync<(string Name, string Value)>(new CommandDefinition(PageStatusSql, cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToDictionary(r => r.Name, r => long.Parse(r.Value, System.Globalization.CultureInfo.InvariantCulture), StringComparer.OrdinalIgnoreCase);
        return (rows.GetValueOrDefault("Innodb_buffer_pool_read_requests"), rows.GetValueOrDefault("Innodb_buffer_pool_reads"));
    }

    private async Task<string> ScalarAsync(string sql, object? parameters, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<string>(new CommandDefinition(sql, parameters, commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false)
        ?? throw new InvalidOperationException("The server returned no plan for: " + sql);

    private async Task<long> CountRowsAsync(string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, commandTimeout: 0, cancellationToken: cancellationToken)).ConfigureAwait(false);
        long rows = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows++;
        }

        return rows;
    }
}
