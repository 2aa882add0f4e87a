using Dapper;
using MySqlConnector;

namespace Perf.Seed;

/// <summary>The seeder's bookkeeping in each variant database: <c>perf_dataset</c> (what is loaded, how far) and <c>perf_dataset_chunk</c> (which chunks are in).</summary>
/// <remarks>
/// A chunk's row in <c>perf_dataset_chunk</c> is written in the same transaction as its rows, so after a crash the
/// table says exactly which chunks are in and a rerun loads only the others.
/// </remarks>
internal static class DatasetCatalog
{
    /// <summary>The catalog's tables, the chunks' first (they refer to a dataset).</summary>
    public static IReadOnlyList<string> TableNames { get; } = ["perf_dataset_chunk", "perf_dataset"];

    private const string CreateSql = """
        CREATE TABLE IF NOT EXISTS perf_dataset (
          dataset_id INT NOT NULL AUTO_INCREMENT PRIMARY KEY,
          fingerprint CHAR(32) NOT NULL,
          spec VARCHAR(512) NOT NULL,
          seed BIGINT NOT NULL,
          scale VARCHAR(64) NOT NULL,
          generator_version VARCHAR(16) NOT NULL,
          trade_id_base BIGINT NOT NULL,
          health_id_base BIGINT NOT NULL,
          trade_rows BIGINT NOT NULL,
          health_rows BIGINT NOT NULL,
          chunk_rows INT NOT NULL,
          state VARCHAR(16) NOT NULL,
          checksum CHAR(32) NULL,
          metric_rows BIGINT NULL,
          source_database VARCHAR(64) NULL,
          started_at DATETIME(6) NOT NULL,
          completed_at DATETIME(6) NULL
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
        CREATE TABLE IF NOT EXISTS perf_dataset_chunk (
          dataset_id INT NOT NULL,
          chunk_no INT NOT NULL,
          trade_rows INT NOT NULL,
          health_rows INT NOT NULL,
          day_digests MEDIUMBLOB NOT NULL,
          loaded_at DATETIME(6) NOT NULL,
          PRIMARY KEY (dataset_id, chunk_no)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
        """;

    private static readonly string DropSql = $"DROP TABLE IF EXISTS {string.Join(", ", TableNames)}";

    private const string ReadSql = """
        SELECT dataset_id AS DatasetId, fingerprint AS Fingerprint, spec AS Spec, seed AS Seed, scale AS Scale,
               generator_version AS GeneratorVersion, trade_id_base AS TradeIdBase, health_id_base AS HealthIdBase,
               trade_rows AS TradeRows, health_rows AS HealthRows, chunk_rows AS ChunkRows, state AS State,
               checksum AS Checksum, source_database AS SourceDatabase, metric_rows AS MetricRows
        FROM perf_dataset ORDER BY dataset_id
        """;

    private const string InsertSql = """
        INSERT INTO perf_dataset
            (fingerprint, spec, seed, scale, generator_version, trade_id_base, health_id_base, trade_rows, health_rows,
             chunk_rows, state, source_database, started_at)
        VALUES
            (@Fingerprint, @Spec, @Seed, @Scale, @GeneratorVersion, @TradeIdBase, @HealthIdBase, @TradeRows, @HealthRows,
             @ChunkRows, @State, @SourceDatabase, UTC_TIMESTAMP(6));
        SELECT LAST_INSERT_ID();
        """;

    private const string SetStateSql = "UPDATE perf_dataset SET state = @state WHERE dataset_id = @id";

    private const string CompleteSql = """
        UPDATE perf_dataset SET state = @state, checksum = @checksum, metric_rows = @metricRows, completed_at = UTC_TIMESTAMP(6)
        WHERE dataset_id = @id
        """;

    private const string InsertChunkSql = """
        INSERT INTO perf_dataset_chunk (dataset_id, chunk_no, trade_rows, health_rows, day_digests, loaded_at)
        VALUES (@id, @chunk, @tradeRows, @healthRows, @digests, UTC_TIMESTAMP(6))
        """;

    private const string DoneChunksSql = "SELECT chunk_no FROM perf_dataset_chunk WHERE dataset_id = @id";

    private const string ChunkTotalsSql = "SELECT CAST(COALESCE(SUM(trade_rows), 0) AS SIGNED), CAST(COALESCE(SUM(health_rows), 0) AS SIGNED) FROM perf_dataset_chunk WHERE dataset_id = @id";

    private const string DigestsSql = "SELECT day_digests FROM perf_dataset_chunk WHERE dataset_id = @id ORDER BY chunk_no";

    /// <summary>Creates the bookkeeping tables if missing.</summary>
    public static Task CreateAsync(MySqlConnection connection, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(CreateSql, cancellationToken: cancellationToken));

    /// <summary>Drops the bookkeeping tables.</summary>
    public static Task DropAsync(MySqlConnection connection, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(DropSql, cancellationToken: cancellationToken));

    /// <summary>The datasets recorded in the connection's database, oldest first (none when the tables are missing).</summary>
    public static async Task<IReadOnlyList<DatasetRecord>> ReadAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        await CreateAsync(connection, cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<DatasetRow>(new CommandDefinition(ReadSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToRecord())];
    }

    /// <summary>The datasets recorded in the connection's database, oldest first; null when it has no catalog. Reads only, so a read-only account will do.</summary>
    public static async Task<IReadOnlyList<DatasetRecord>?> TryReadAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            var rows = await connection.QueryAsync<DatasetRow>(new CommandDefinition(ReadSql, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return [.. rows.Select(r => r.ToRecord())];
        }
        catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.NoSuchTable)
        {
            return null;
        }
    }

    /// <summary>Records a new dataset and returns its id.</summary>
    public static Task<int> InsertAsync(MySqlConnection connection, DatasetRecord record, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<int>(new CommandDefinition(InsertSql, new
        {
            record.Fingerprint,
            record.Spec,
            record.Seed,
            record.Scale,
            record.GeneratorVersion,
            record.TradeIdBase,
            record.HealthIdBase,
            record.TradeRows,
            record.HealthRows,
            record.ChunkRows,
            State = ToName(record.State),
            record.SourceDatabase,
        }, cancellationToken: cancellationToken));

    /// <summary>Moves a dataset to another state.</summary>
    public static Task SetStateAsync(MySqlConnection connection, int datasetId, DatasetState state, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(SetStateSql, new { id = datasetId, state = ToName(state) }, cancellationToken: cancellationToken));

    /// <summary>Marks a dataset complete with its checksum and metric count.</summary>
    public static Task CompleteAsync(MySqlConnection connection, int datasetId, string checksum, long metricRows, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(CompleteSql,
            new { id = datasetId, state = ToName(DatasetState.Complete), checksum, metricRows }, cancellationToken: cancellationToken));

    /// <summary>Records a loaded chunk inside the transaction that loaded it.</summary>
    public static Task InsertChunkAsync(MySqlConnection connection, MySqlTransaction transaction, int datasetId, int chunk, int tradeRows, int healthRows, byte[] dayDigests, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(InsertChunkSql,
            new { id = datasetId, chunk, tradeRows, healthRows, digests = dayDigests }, transaction, cancellationToken: cancellationToken));

    /// <summary>The chunks of a dataset already loaded.</summary>
    public static async Task<IReadOnlySet<int>> DoneChunksAsync(MySqlConnection connection, int datasetId, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<int>(new CommandDefinition(DoneChunksSql, new { id = datasetId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.ToHashSet();
    }

    /// <summary>The trade and health rows recorded by the loaded chunks of a dataset.</summary>
    public static async Task<(long TradeRows, long HealthRows)> ChunkTotalsAsync(MySqlConnection connection, int datasetId, CancellationToken cancellationToken) =>
        await connection.QuerySingleAsync<(long, long)>(new CommandDefinition(ChunkTotalsSql, new { id = datasetId }, cancellationToken: cancellationToken)).ConfigureAwait(false);

    /// <summary>The per-day digests of every loaded chunk, in chunk order.</summary>
    public static async Task<byte[]> DayDigestsAsync(MySqlConnection connection, int datasetId, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<byte[]>(new CommandDefinition(DigestsSql, new { id = datasetId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return [.. rows.SelectMany(r => r)];
    }

    /// <summary>The stored name of a state.</summary>
    public static string ToName(DatasetState state) => state.ToString().ToLowerInvariant();

    private sealed record DatasetRow(
        int DatasetId, string Fingerprint, string Spec, long Seed, string Scale, string GeneratorVersion, long TradeIdBase,
        long HealthIdBase, long TradeRows, long HealthRows, int ChunkRows, string State, string? Checksum, string? SourceDatabase, long? MetricRows)
    {
        public DatasetRecord ToRecord() => new(
            DatasetId, Fingerprint, Spec, Seed, Scale, GeneratorVersion, TradeIdBase, HealthIdBase, TradeRows, HealthRows, ChunkRows,
            Enum.Parse<DatasetState>(State, ignoreCase: true), Checksum, SourceDatabase) { MetricRows = MetricRows };
    }
}
