using System.Globalization;
using Dapper;
using Telemetry.Data.Model;
using Telemetry.Data.Queries;

namespace Perf.Bench.Queries;

/// <summary>The strategy document's "bad" query: every trade, newest first, no filter (with a LIMIT so it returns).</summary>
/// <remarks>The only SQL the bench owns: no API serves it; it shows what a full scan and sort cost at each scale.</remarks>
public sealed record FullScanCase(string Name, int Limit) : QueryCase(Name)
{
    private const string Sql = """
        SELECT id AS Id, profile_id AS ProfileId, symbol AS Symbol, trade_type AS TradeType, side AS Side,
               entry_time AS EntryTime, exit_time AS ExitTime, entry_price AS EntryPrice, exit_price AS ExitPrice,
               quantity AS Quantity, pnl AS Pnl, pnl_percent AS PnlPercent, exit_reason AS ExitReason
        FROM dd_trade_performance
        ORDER BY entry_time DESC
        LIMIT @limit
        """;

    /// <inheritdoc />
    public override bool ServedByApi => false;

    /// <inheritdoc />
    public override CommandDefinition Command => Build(CancellationToken.None);

    /// <inheritdoc />
    public override string Parameters => string.Create(CultureInfo.InvariantCulture, $"Limit = {Limit}");

    /// <inheritdoc />
    public override async Task<int> RunAsync(QueryLayer queries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queries);
        await using var connection = await queries.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<Trade>(Build(cancellationToken)).ConfigureAwait(false);
        return rows.AsList().Count;
    }

    private CommandDefinition Build(CancellationToken cancellationToken) => new(Sql, new { limit = Limit }, commandTimeout: 0, cancellationToken: cancellationToken);
}
