using System.Text.Json;

namespace Perf.Harness.Provisioning;

/// <summary>What a running local server's owner writes down so other processes can find it.</summary>
/// <param name="Pid">The server process.</param>
/// <param name="Port">Its TCP port on 127.0.0.1.</param>
/// <param name="OwnerPid">The process that started it and will stop it.</param>
internal sealed record LocalServerState(int Pid, int Port, int OwnerPid)
{
    /// <summary>Reads the state file, or null when it is missing or unreadable.</summary>
    public static LocalServerState? TryRead(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<LocalServerState>(File.ReadAllText(path)) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Writes the state file.</summary>
    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this));
}
