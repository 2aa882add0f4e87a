using MySqlConnector;

namespace Telemetry.Data;

/// <summary>Creates the one <see cref="MySqlDataSource"/> a process uses, with the settings the query layer relies on.</summary>
public static class TelemetryDataSource
{
    /// <summary>Builds a data source: times read back as UTC, LOAD DATA LOCAL allowed for bulk writes.</summary>
    /// <exception cref="ArgumentException">The connection string is malformed (<see cref="Problem"/> says so first).</exception>
    public static MySqlDataSource Create(string connectionString) => new MySqlDataSourceBuilder(Settings(connectionString).ConnectionString).Build();

    /// <summary>Why <paramref name="connectionString"/>, named <paramref name="what"/>, cannot make a data source, in one sentence; null when it can.</summary>
    /// <remarks>The check every tool's <c>--mysql</c> and <c>PERF_MYSQL</c> get before anything starts, so a typo is a usage error, not a stack trace or a server started instead.</remarks>
    public static string? Problem(string connectionString, string what)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return $"{what} is empty: give a connection string such as 'Server=127.0.0.1;User ID=perf;Password=perf'.";
        }

        try
        {
            _ = Settings(connectionString);
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            return $"{what} is not a valid connection string: {ex.Message.TrimEnd('.')}.";
        }
    }

    private static MySqlConnectionStringBuilder Settings(string connectionString) =>
        new(connectionString)
        {
            // Every DATETIME we store is UTC; say so, so DateTime.Kind is right when rows come back.
            DateTimeKind = MySqlDateTimeKind.Utc,
            AllowLoadLocalInfile = true,
        };
}
