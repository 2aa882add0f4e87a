using MySqlConnector;
using Telemetry.Data;
using Telemetry.Data.Queries;

namespace Perf.Bench.Queries;

/// <summary>The query layer over one variant database: the objects the API itself uses, on one data source.</summary>
public sealed class QuerySet : IAsyncDisposable
{
    /// <summary>Opens the query layer on <paramref name="connectionString"/> (one data source, as the API has).</summary>
    public QuerySet(string connectionString)
    {
        DataSource = TelemetryDataSource.Create(connectionString);
        Trades = new TradeQueries(DataSource);
        Metrics = new MetricQueries(DataSource);
        Health = new HealthQueries(DataSource);
    }

    /// <summary>The data source every query runs on.</summary>
    public MySqlDataSource DataSource { get; }

    /// <summary>Trade lists and summaries.</summary>
    public TradeQueries Trades { get; }

    /// <summary>Windowed metrics.</summary>
    public MetricQueries Metrics { get; }

    /// <summary>System health.</summary>
    public HealthQueries Health { get; }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
