namespace Perf.Harness.Provisioning;

/// <summary>The layout of a local server's home directory.</summary>
/// <param name="Home">The directory the caller chose (default <c>.perf/mysql</c>); everything below lives in it.</param>
internal sealed record LocalServerFiles(string Home)
{
    /// <summary>The server's data directory (<c>--datadir</c>).</summary>
    public string Data => Path.Combine(Home, "data");

    /// <summary>Generated admin credentials, kept so a reused data directory still opens.</summary>
    public string Credentials => Path.Combine(Home, "credentials.json");

    /// <summary>The running server's pid, port and owner, so another process can find or clean it up.</summary>
    public string State => Path.Combine(Home, "server.json");

    /// <summary>
    /// The server's temporary files (<c>--tmpdir</c>): its own, not the shared system temp folder, where a cleaner or
    /// another tool could remove an on-disk temporary table under a running query.
    /// </summary>
    public string Temp => Path.Combine(Home, "tmp");

    /// <summary>The server's own pid file.</summary>
    public string PidFile => Path.Combine(Home, "mysqld.pid");

    /// <summary>The server's error log.</summary>
    public string ErrorLog => Path.Combine(Home, "error.log");

    /// <summary>A lock file held while starting or stopping, so two processes never start two servers on one data directory.</summary>
    public string LockFile => Path.Combine(Home, "provision.lock");

    /// <summary>The Unix socket; in the temp folder when the home path is too long for a socket address.</summary>
    public string Socket
    {
        get
        {
            var inHome = Path.Combine(Home, "mysqld.sock");
            if (System.Text.Encoding.UTF8.GetByteCount(inHome) < 100)
            {
                return inHome;
            }

            var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Home)))[..12];
            return Path.Combine(Path.GetTempPath(), $"perf-mysql-{hash}.sock");
        }
    }
}
