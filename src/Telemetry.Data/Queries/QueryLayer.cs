using MySqlConnector;

namespace Telemetry.Data.Queries;

/// <summary>The query layer over one database: the objects the API itself uses, on one data source of its own (for tools that call the queries without the API: the benchmarks, the load runner's database-only arm).</summary>
public sealed class QueryLayer : IAsyncDisposable
{
    /// <summary>Opens the query layer on <paramref name="connectionString"/> (one data source, as the API has), sending statements as <paramref name="statements"/> says.</summary>
    public QueryLayer(string connectionString, StatementMode statements = StatementMode.Text)
    {
        DataSource = TelemetryDataSource.Create(connectionString);
        Trades = new TradeQueries(DataSource, statements);
        Metrics = new MetricQueries(DataSource, statements);
        Health = new HealthQueries(DataSource, statements);
        Kept = new KeptFromReader(DataSource);
    }

    /// <summary>The data source every query runs on.</summary>
    public MySqlDataSource DataSource { get; }

    /// <summary>Trade lists and summaries.</summary>
    public TradeQueries Trades { get; }

    /// <summary>Windowed metrics.</summary>
    public MetricQueries Metrics { get; }

    /// <summary>System health.</summary>
    public HealthQueries Health { get; }

    /// <summary>Where the live tables hold their rows from, once retention has reached them: what the API checks a range against.</summary>
    public KeptFromReader Kept { get; }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
