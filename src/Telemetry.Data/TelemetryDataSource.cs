using MySqlConnector;

namespace Telemetry.Data;

/// <summary>Creates the one <see cref="MySqlDataSource"/> a process uses, with the settings the query layer relies on.</summary>
public static class TelemetryDataSource
{
    /// <summary>Builds a data source: times read back as UTC, LOAD DATA LOCAL allowed for bulk writes.</summary>
    public static MySqlDataSource Create(string connectionString)
    {
        var builder = new MySqlConnectionStringBuilder(connectionString)
        {
            // Every DATETIME we store is UTC; say so, so DateTime.Kind is right when rows come back.
            DateTimeKind = MySqlDateTimeKind.Utc,
            AllowLoadLocalInfile = true,
        };
        return new MySqlDataSourceBuilder(builder.ConnectionString).Build();
    }
}
