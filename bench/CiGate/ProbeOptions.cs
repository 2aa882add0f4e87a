using Perf.Bench.Capacity;
using Perf.Harness.Provisioning;
using Telemetry.Data.Schema;

namespace Perf.Bench.CiGate;

/// <summary>What one <c>bench probe</c> round measures.</summary>
/// <param name="Prefix">The variant databases' prefix.</param>
/// <param name="Variant">The variant measured.</param>
/// <param name="PrepareOnly">Seed and reconcile the database, report its dataset and DDL, time nothing.</param>
/// <param name="Seed">Whether to seed when the data is missing or different (off: measure the database as it is).</param>
/// <param name="Round">The round number, which rotates the order the queries run in.</param>
/// <param name="Warmup">Untimed executions per query before timing.</param>
/// <param name="Executions">Timed executions per query.</param>
/// <param name="Cases">Only queries whose name contains one of these (all API queries when empty).</param>
/// <param name="Slowdown">Test-only: the query run twice per execution (twice the work), to prove the gate catches it.</param>
/// <param name="Crash">Test-only: exit with an error before measuring, to prove the gate fails closed.</param>
/// <param name="Output">The JSON file to write.</param>
/// <param name="Provisioning">How to find the server.</param>
internal sealed record ProbeOptions(
    string Prefix,
    SchemaVariant Variant,
    bool PrepareOnly,
    bool Seed,
    int Round,
    int Warmup,
    int Executions,
    IReadOnlyList<string> Cases,
    string? Slowdown,
    bool Crash,
    string Output,
    ProvisioningOptions Provisioning)
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench -- probe --out FILE [options]
          One round of the CI gate's query timings (the gate runs it as a child process of each revision it compares).
          --prefix NAME (gate_head)  --variant composite  --prepare-only  --no-seed
          --round N (0)  --warmup N (3)  --executions N (10)  --cases LIST  --mysql CS
        """;

    private static readonly HashSet<string> Switches = new(StringComparer.Ordinal) { "prepare-only", "no-seed", "crash" };

    public static ProbeOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var (provisioning, rest) = ProvisioningOptions.FromArgs(args);
        var a = new CommandArgs(rest, Switches);
        var variantText = a.Get("variant") ?? "composite";
        var options = new ProbeOptions(
            a.Get("prefix") ?? "gate_head",
            Enum.TryParse<SchemaVariant>(variantText, ignoreCase: true, out var variant) && Enum.IsDefined(variant)
                ? variant
                : throw new ArgumentException($"--variant '{variantText}' is not basic, composite or partitioned."),
            a.Has("prepare-only"),
            !a.Has("no-seed"),
            a.GetInt("round", 0),
            a.GetInt("warmup", 3),
            a.GetInt("executions", 10),
            [.. (a.Get("cases") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            a.Get("slowdown"),
            a.Has("crash"),
            a.Get("out") ?? throw new ArgumentException("--out FILE is required."),
            provisioning);
        a.RejectUnknown();
        if (options.Round < 0 || options.Warmup < 0 || options.Executions < 1)
        {
            throw new ArgumentException("--round and --warmup must be at least 0, --executions at least 1.");
        }

        return options;
    }
}
