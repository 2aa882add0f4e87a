using System.Text.Json.Serialization;
using Perf.Harness.Provisioning;

namespace Perf.Harness.Results;

/// <summary>The provenance of one run: what ran, from which commit, on which server, machine and data, and when.</summary>
/// <remarks>Tools fill <see cref="Dataset"/>, <see cref="DdlHashes"/> and <see cref="Parameters"/> as the run learns them; <see cref="ResultWriter"/> stamps <see cref="EndedUtc"/>.</remarks>
public sealed record RunManifest
{
    /// <summary>The tool that ran, e.g. <c>seed</c>, <c>bench</c>, <c>load</c>.</summary>
    public required string Tool { get; init; }

    /// <summary>The command-line arguments of the run (connection strings are never recorded).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The source revision, or null when it could not be read.</summary>
    public GitInfo? Git { get; init; }

    /// <summary>The database server, or null for runs without one.</summary>
    public ServerDescription? Server { get; set; }

    /// <summary>The Redis version and source, when the run used one.</summary>
    public string? Redis { get; set; }

    /// <summary>The machine.</summary>
    public required MachineInfo Machine { get; init; }

    /// <summary>The data set, when the run seeded or measured one.</summary>
    public DatasetInfo? Dataset { get; set; }

    /// <summary>A hash of the DDL per schema variant (e.g. <c>Basic</c> to a SHA-256), so results from different schemas never get compared by mistake.</summary>
    public IDictionary<string, string> DdlHashes { get; set; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Free-form run parameters worth recording (scenario, rate, duration, variant...).</summary>
    public IDictionary<string, string> Parameters { get; set; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>When the run started (UTC).</summary>
    public DateTime StartedUtc { get; init; } = DateTime.UtcNow;

    /// <summary>When the run ended (UTC), or null while it runs; setting it records <see cref="Activity"/> since the manifest was created.</summary>
    public DateTime? EndedUtc
    {
        get => endedUtc;
        set
        {
            endedUtc = value;
            if (value is not null && CpuAtStart is not null)
            {
                Activity = MachineActivity.Since(CpuAtStart);
                Yardstick = Yardstick is { } yardstick ? yardstick with { AtEndMs = CpuYardstick.MeasureMs() } : null;
            }
        }
    }

    /// <summary>How busy the machine was from the start of the run to its end, when known.</summary>
    public MachineActivity? Activity { get; set; }

    /// <summary>How fast the machine was at the start and the end of the run.</summary>
    public CpuYardstick? Yardstick { get; set; }

    /// <summary>The CPU times when the manifest was created (not written: only <see cref="Activity"/> is).</summary>
    [JsonIgnore]
    internal CpuTimes? CpuAtStart { get; init; }

    private DateTime? endedUtc;

    /// <summary>Starts a manifest for <paramref name="tool"/> now: reads git, describes the machine and, when given, the server.</summary>
    /// <param name="repositoryRoot">The checkout whose git state is recorded; default: the one the running tool was built from (<see cref="GitInfo.TryReadBuild"/>), not the current directory's.</param>
    public static RunManifest Create(string tool, ProvisionedServer? server = null, IEnumerable<string>? arguments = null, string? repositoryRoot = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tool);
        return new RunManifest
        {
            Tool = tool,
            Arguments = RedactArguments(arguments ?? []),
            Git = repositoryRoot is null ? GitInfo.TryReadBuild() : GitInfo.TryRead(repositoryRoot),
            Server = server is null ? null : ServerDescription.From(server),
            Machine = MachineInfo.Current(),
            StartedUtc = DateTime.UtcNow,
            CpuAtStart = CpuTimes.Read(),
            Yardstick = new CpuYardstick(CpuYardstick.MeasureMs(), null),
        };
    }

    /// <summary>Replaces the values of <c>--mysql</c> and <c>--redis</c>, which may carry passwords.</summary>
    internal static List<string> RedactArguments(IEnumerable<string> arguments)
    {
        var result = new List<string>();
        var redactNext = false;
        foreach (var argument in arguments)
        {
            if (redactNext)
            {
                result.Add("***");
                redactNext = false;
                continue;
            }

            var secret = argument is ProvisioningOptions.MySqlFlag or ProvisioningOptions.RedisFlag;

            // System.CommandLine takes a value after '=' or ':' in the same token (--mysql=CS, --mysql:CS).
            var inline = (string[])[ProvisioningOptions.MySqlFlag, ProvisioningOptions.RedisFlag];
            var flag = inline.FirstOrDefault(f => argument.Length > f.Length && argument.StartsWith(f, StringComparison.Ordinal) && argument[f.Length] is '=' or ':');
            result.Add(flag is null ? argument : argument[..(flag.Length + 1)] + "***");
            redactNext = secret;
        }

        return result;
    }
}
