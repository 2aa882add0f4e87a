using System.Runtime.InteropServices;

namespace Perf.Harness.Results;

/// <summary>The machine a run measured on.</summary>
/// <param name="ProcessorCount">Logical cores available to the process.</param>
/// <param name="TotalMemoryBytes">Physical memory (or the container limit when lower).</param>
/// <param name="CpuModel">The CPU model name, when the OS tells.</param>
/// <param name="OsName">The distribution's pretty name (e.g. <c>Debian GNU/Linux 12 (bookworm)</c>), else the OS description.</param>
/// <param name="OsDescription">The kernel/OS description from the runtime.</param>
/// <param name="Architecture">The process architecture, e.g. <c>X64</c>.</param>
/// <param name="HostName">The machine name.</param>
/// <param name="RuntimeVersion">The .NET runtime, e.g. <c>.NET 10.0.1</c>.</param>
public sealed record MachineInfo(
    int ProcessorCount,
    long TotalMemoryBytes,
    string? CpuModel,
    string OsName,
    string OsDescription,
    string Architecture,
    string HostName,
    string RuntimeVersion)
{
    /// <summary>This boot of this machine: a hash of <c>/etc/machine-id</c> and the kernel's boot id, or null off Linux.</summary>
    /// <remarks>
    /// Copies of one VM image share their machine id, and timings do not transfer between them, so the boot id is part of
    /// the identity: a stored timing baseline holds on the boot that measured it.
    /// </remarks>
    public string? MachineId { get; init; }

    /// <summary>Describes the current machine and process.</summary>
    public static MachineInfo Current()
    {
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (ReadMemInfoBytes("MemTotal") is { } total)
        {
            memory = Math.Min(memory, total);
        }

        var osName = ReadOsReleaseName() ?? RuntimeInformation.OSDescription;
        return new MachineInfo(
            Environment.ProcessorCount,
            memory,
            ReadProcField("/proc/cpuinfo", "model name"),
            osName,
            RuntimeInformation.OSDescription,
            RuntimeInformation.ProcessArchitecture.ToString(),
            Environment.MachineName,
            RuntimeInformation.FrameworkDescription)
        {
            MachineId = ReadMachineId(),
        };
    }

    /// <summary>The memory the kernel could give new work without swapping (<c>MemAvailable</c>), or null where it does not tell.</summary>
    public static long? AvailableMemoryBytes() => ReadMemInfoBytes("MemAvailable");

    private static long? ReadMemInfoBytes(string field) =>
        ReadProcField("/proc/meminfo", field) is { } value
        && long.TryParse(value.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var kib)
            ? kib * 1024
            : null;

    private static string? ReadMachineId()
    {
        try
        {
            const string machine = "/etc/machine-id", boot = "/proc/sys/kernel/random/boot_id";
            if (!File.Exists(machine) || !File.Exists(boot))
            {
                return null;
            }

            var text = File.ReadAllText(machine).Trim() + "/" + File.ReadAllText(boot).Trim();
            return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? ReadProcField(string path, string field)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            foreach (var line in File.ReadLines(path))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && line[..colon].Trim() == field)
                {
                    return line[(colon + 1)..].Trim();
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }

    private static string? ReadOsReleaseName()
    {
        var value = ReadKeyValue("/etc/os-release", "PRETTY_NAME");
        return value?.Trim('"');
    }

    private static string? ReadKeyValue(string path, string key)
    {
        try
        {
            return File.Exists(path)
                ? File.ReadLines(path).Where(l => l.StartsWith(key + "=", StringComparison.Ordinal)).Select(l => l[(key.Length + 1)..]).FirstOrDefault()
                : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
