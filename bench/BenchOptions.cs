using Perf.Harness.Provisioning;

namespace Perf.Bench;

/// <summary>The bench program's own arguments; everything else goes to BenchmarkDotNet.</summary>
/// <param name="Command">The command.</param>
/// <param name="Scale">The seed preset of the suite's dataset (<c>small</c>, <c>medium</c>, <c>large</c>).</param>
/// <param name="Trades">Overrides the preset's trade count (a custom scale, e.g. <c>--scale small --trades 3000000</c>), or null.</param>
/// <param name="Preset">How thoroughly the suite measures.</param>
/// <param name="Prefix">The variant databases' name prefix (default <c>bench_&lt;scale&gt;</c>, <c>bench_gate</c> for the gate).</param>
/// <param name="Seed">Whether to make sure the dataset is seeded (off: use the variant databases as they are).</param>
/// <param name="UpdateBaseline">Gate: rewrite the baseline from the current plans instead of comparing.</param>
/// <param name="AllowDifferentEnvironment">Gate: compare with a baseline taken on another dataset or server version instead of refusing.</param>
/// <param name="BaselinePath">Gate: the baseline file.</param>
/// <param name="ResultsDirectory">Where to write results (default <c>results/runs/&lt;stamp&gt;-bench</c>).</param>
/// <param name="Provisioning">How to find or start the server.</param>
/// <param name="BenchmarkArgs">Arguments for BenchmarkDotNet (<c>--filter</c>, <c>--list</c>, <c>--job</c>...).</param>
public sealed record BenchOptions(
    BenchCommand Command,
    string Scale,
    long? Trades,
    BenchPreset Preset,
    string Prefix,
    bool Seed,
    bool UpdateBaseline,
    bool AllowDifferentEnvironment,
    string BaselinePath,
    string? ResultsDirectory,
    ProvisioningOptions Provisioning,
    IReadOnlyList<string> BenchmarkArgs)
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        usage: dotnet run -c Release --project bench -- [plans|gate] [options] [BenchmarkDotNet options]
          (no command)          seed if needed, capture plans, run the BenchmarkDotNet suite
          plans                 seed if needed, capture plans only
          gate                  seed the small gate dataset if needed, capture plans, compare with the baseline
        options:
          --scale NAME          seed preset of the suite's data: small (1M trades), medium (10M), large (50M); default small
          --trades N            override the preset's trade count (days and profiles stay the preset's)
          --preset ci|full      ci: in-process, 3 short iterations (minutes); full: BenchmarkDotNet defaults; default full
          --prefix NAME         variant databases NAME_basic, NAME_composite, NAME_partitioned; default bench_<scale>
          --no-seed             use the variant databases as they are (e.g. --prefix telemetry --no-seed)
          --update-baseline     gate: rewrite the baseline from the current plans
          --baseline PATH       gate: baseline file; default bench/plan-baseline.json
          --allow-different-environment  gate: compare with a baseline from another dataset or server version (exit 3 otherwise)
          --results DIR         output directory; default results/runs/<stamp>-bench
          --mysql CS            an existing server (else PERF_MYSQL, Docker, or a local mariadbd)
        BenchmarkDotNet: --filter '*TradePage*', --list flat, --job short, --help ...
        """;

    /// <summary>Parses the command line.</summary>
    /// <exception cref="ArgumentException">An option is malformed.</exception>
    public static BenchOptions Parse(string[] args, string repositoryRoot)
    {
        ArgumentNullException.ThrowIfNull(args);
        var (provisioning, rest) = ProvisioningOptions.FromArgs(args);
        var (results, remaining) = Perf.Harness.Results.ResultWriter.TakeResultsDirectory(rest);
        var command = BenchCommand.Suite;
        if (remaining.Length > 0 && remaining[0] is "gate" or "plans")
        {
            command = remaining[0] == "gate" ? BenchCommand.Gate : BenchCommand.Plans;
            remaining = remaining[1..];
        }

        var scale = "small";
        long? trades = null;
        var preset = BenchPreset.Full;
        string? prefix = null;
        var seed = true;
        var update = false;
        var allowDifferent = false;
        var baseline = Path.Combine(repositoryRoot, "bench", "plan-baseline.json");
        var benchmarkArgs = new List<string>();
        for (var i = 0; i < remaining.Length; i++)
        {
            if (TryTake(remaining, ref i, "--scale", out var value))
            {
                scale = value.ToLowerInvariant();
            }
            else if (TryTake(remaining, ref i, "--trades", out value))
            {
                trades = long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) && count > 0
                    ? count
                    : throw new ArgumentException($"--trades must be a positive integer, not '{value}'.", nameof(args));
            }
            else if (TryTake(remaining, ref i, "--preset", out value))
            {
                preset = Enum.TryParse<BenchPreset>(value, ignoreCase: true, out var parsed)
                    ? parsed
                    : throw new ArgumentException($"--preset must be ci or full, not '{value}'.", nameof(args));
            }
            else if (TryTake(remaining, ref i, "--baseline", out value))
            {
                baseline = Path.GetFullPath(value);
            }
            else if (TryTake(remaining, ref i, "--prefix", out value))
            {
                prefix = value;
            }
            else if (remaining[i] == "--no-seed")
            {
                seed = false;
            }
            else if (remaining[i] == "--update-baseline")
            {
                update = true;
            }
            else if (remaining[i] == "--allow-different-environment")
            {
                allowDifferent = true;
            }
            else
            {
                benchmarkArgs.Add(remaining[i]);
            }
        }

        prefix ??= command == BenchCommand.Gate ? "bench_gate"
            : trades is { } custom ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"bench_{scale}_{custom}")
            : "bench_" + scale;
        return new BenchOptions(command, scale, trades, preset, prefix, seed, update, allowDifferent, baseline, results, provisioning, benchmarkArgs);
    }

    private static bool TryTake(string[] args, ref int index, string flag, out string value)
    {
        value = string.Empty;
        if (args[index] == flag)
        {
            if (index + 1 >= args.Length)
            {
                throw new ArgumentException($"{flag} needs a value.", nameof(args));
            }

            value = args[++index];
            return true;
        }

        if (args[index].StartsWith(flag + "=", StringComparison.Ordinal))
        {
            value = args[index][(flag.Length + 1)..];
            return true;
        }

        return false;
    }
}
