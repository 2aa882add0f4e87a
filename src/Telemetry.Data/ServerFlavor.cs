namespace Telemetry.Data;

/// <summary>The MySQL-compatible server family, for the few statements whose syntax differs.</summary>
public enum ServerFlavor
{
    /// <summary>Oracle MySQL 8 or newer.</summary>
    MySql,

    /// <summary>MariaDB 10.6 or newer.</summary>
    MariaDb,
}
