namespace Perf.Harness.Provisioning;

/// <summary>Finds server executables on PATH and in the sbin folders that PATH often lacks.</summary>
internal static class ExecutableLocator
{
    /// <summary>Server binaries in order of preference.</summary>
    public static readonly string[] ServerNames = ["mariadbd", "mysqld"];

    /// <summary>Data directory initializers in order of preference.</summary>
    public static readonly string[] InstallDbNames = ["mariadb-install-db", "mysql_install_db"];

    /// <summary>The Redis server binary.</summary>
    public static readonly string[] RedisNames = ["redis-server"];

    private static readonly string[] ExtraDirectories = ["/usr/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/mysql/bin"];

    /// <summary>Returns the full path of the first name found, or null.</summary>
    public static string? Find(IEnumerable<string> names, string? path = null, IEnumerable<string>? extraDirectories = null)
    {
        var directories = (path ?? Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(extraDirectories ?? ExtraDirectories)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        foreach (var name in names)
        {
            foreach (var directory in directories)
            {
                var candidate = Path.Combine(directory, OperatingSystem.IsWindows() ? name + ".exe" : name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}
