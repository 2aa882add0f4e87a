using MySqlConnector;

namespace Telemetry.Data;

/// <summary>The flavour and version of the server a connection talks to.</summary>
/// <param name="Flavor">MySQL or MariaDB.</param>
/// <param name="Version">The server's own version string, e.g. <c>10.11.6-MariaDB-0+deb12u1</c>.</param>
public sealed record ServerInfo(ServerFlavor Flavor, string Version)
{
    /// <summary>Reads <c>SELECT VERSION()</c> on an open connection.</summary>
    public static async Task<ServerInfo> DetectAsync(MySqlConnection connection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new MySqlCommand("SELECT VERSION()", connection);
        var version = (string)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        return Parse(version);
    }

    /// <summary>Classifies a version string.</summary>
    public static ServerInfo Parse(string version) =>
        new(version.Contains("mariadb", StringComparison.OrdinalIgnoreCase) ? ServerFlavor.MariaDb : ServerFlavor.MySql, version);

    /// <inheritdoc />
    public override string ToString() => $"{Flavor} {Version}";
}
