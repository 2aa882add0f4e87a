using System.Security.Cryptography;
using System.Text.Json;

namespace Perf.Harness.Provisioning;

/// <summary>The generated admin account of a local server, stored beside its data directory.</summary>
/// <param name="User">The admin user name.</param>
/// <param name="Password">The admin password.</param>
internal sealed record LocalServerCredentials(string User, string Password)
{
    /// <summary>Reads the credentials file, or generates and writes new credentials when it is missing.</summary>
    public static LocalServerCredentials LoadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            var existing = JsonSerializer.Deserialize<LocalServerCredentials>(File.ReadAllText(path));
            if (existing is { User.Length: > 0, Password.Length: > 0 })
            {
                return existing;
            }
        }

        var created = new LocalServerCredentials("perf_admin", RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 24));
        File.WriteAllText(path, JsonSerializer.Serialize(created));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return created;
    }
}
