using System.CommandLine;
using System.Globalization;
using Perf.Bench.Suite;
using Perf.Harness;
using Perf.Harness.CommandLine;
using Perf.Harness.Results;
using Perf.Seed;
using Telemetry.CommandLine;

namespace Perf.Bench.Cli;

/// <summary>The options of the suite, <c>plans</c> and <c>gate</c>, and how they become <see cref="BenchOptions"/>.</summary>
internal sealed class BenchCommandLine(HarnessOptions harness)
{
    /// <summary><c>--preset</c>: the data size, named as the seeder names it.</summary>
    public Option<string> Preset { get; } = new("--preset")
    {
        Description = "data size, as the seeder's presets: small (1M trades), medium (10M), large (50M)",
        HelpName = "name",
        DefaultValueFactory = _ => SeedPreset.Small.Name,
    };

    /// <summary><c>--trades</c>: overrides the preset's trade count.</summary>
    public Option<long?> Trades { get; } = WholeNumber.Option("--trades", 1, 2_000_000_000, "override the preset's trade count (days and profiles stay the preset's)");

    /// <summary><c>--mode</c>: how thoroughly the suite measures.</summary>
    public Option<BenchPreset> Mode { get; } = new("--mode")
    {
        Description = "ci: in-process, 3 short iterations (minutes); full: BenchmarkDotNet's defaults",
        HelpName = "ci|full",
        DefaultValueFactory = _ => BenchPreset.Full,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            if (!text.All(char.IsAsciiDigit) && Enum.TryParse<BenchPreset>(text, ignoreCase: true, out var mode) && Enum.IsDefined(mode))
            {
                return mode;
            }

            result.AddError($"--mode '{text}' is not ci or full.");
            return default;
        },
    };

    /// <summary><c>--prefix</c>: the variant databases' prefix (default <c>bench_&lt;preset&gt;</c>, <c>bench_gate</c> for the gate).</summary>
    public Option<string> Prefix { get; } = HarnessOptions.CreatePrefix("variant databases NAME_basic, NAME_composite, NAME_partitioned (default bench_<preset>; gate: bench_gate)", defaultValue: null);

    /// <summary><c>--no-seed</c>: measure the databases as they are.</summary>
    public Option<bool> NoSeed { get; } = new("--no-seed") { Description = "use the variant databases as they are (e.g. --prefix telemetry --no-seed)" };

    /// <summary><c>--update-baseline</c>: the gate rewrites its baseline.</summary>
    public Option<bool> UpdateBaseline { get; } = new("--update-baseline") { Description = "rewrite the baseline from the current plans (commit the file)" };

    /// <summary><c>--baseline</c>: the gate's baseline file.</summary>
    public Option<string?> Baseline { get; } = NonEmptyText.Option("--baseline", "the baseline file (default bench/plan-baseline.json)", "path");

    /// <summary><c>--allow-different-environment</c>: compare with a baseline from another dataset or server.</summary>
    public Option<bool> AllowDifferentEnvironment { get; } = new("--allow-different-environment") { Description = "compare with a baseline taken on another dataset or server version (refused otherwise)" };

    /// <summary>Adds the data and result options (and, on the suite, the mode).</summary>
    public void AddSuiteOptions(Command command, bool benchmarks = true)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in benchmarks ? [Preset, Trades, Mode, Prefix, NoSeed, harness.BufferPool, harness.Results] : new Option[] { Preset, Trades, Prefix, NoSeed, harness.Results })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Adds the gate's options.</summary>
    public void AddGateOptions(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { Prefix, NoSeed, UpdateBaseline, Baseline, AllowDifferentEnvironment, harness.Results })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The parsed options of <paramref name="command"/>; tokens nobody claimed go to BenchmarkDotNet.</summary>
    /// <exception cref="UsageException">A value is out of range, or BenchmarkDotNet refuses the tokens passed on to it.</exception>
    public BenchOptions Read(ParseResult parse, BenchCommand command)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var preset = (command == BenchCommand.Gate ? null : parse.GetValue(Preset)) ?? SeedPreset.Small.Name;
        if (command != BenchCommand.Gate && SeedPreset.Find(preset) is null)
        {
            throw new UsageException($"--preset must be one of {string.Join(", ", SeedPreset.All.Select(p => p.Name))}, not '{preset}'.");
        }

        // A word before any option is no option's value, and BenchmarkDotNet passes over it without a word: a mistyped
        // command (`bench plan`, `bench repot`) ran the whole suite.
        if (command == BenchCommand.Suite && parse.UnmatchedTokens is [var first, ..] && !first.StartsWith('-'))
        {
            throw new UsageException($"'{first}' is neither a bench command ({string.Join(", ", parse.RootCommandResult.Command.Subcommands.Select(c => c.Name))}) nor an option BenchmarkDotNet takes.");
        }

        if (command == BenchCommand.Suite && SuiteRunner.Refusal([.. parse.UnmatchedTokens]) is { } refusal)
        {
            throw new UsageException(refusal);
        }

        var trades = command == BenchCommand.Gate ? null : parse.GetValue(Trades);
        var prefix = (string?)parse.GetValue(Prefix)
            ?? (command == BenchCommand.Gate ? BenchOptions.GatePrefix : trades is { } custom ? string.Create(CultureInfo.InvariantCulture, $"bench_{preset}_{custom}") : "bench_" + preset);
        var root = RepositoryPaths.FindRoot();
        var update = command == BenchCommand.Gate && parse.GetValue(UpdateBaseline);
        var baseline = Path.GetFullPath((command == BenchCommand.Gate ? parse.GetValue(Baseline) : null) ?? BenchOptions.DefaultBaselinePath(root));
        if (update && (Directory.Exists(baseline) ? $"{baseline} is a folder" : ResultWriter.CannotWrite(Path.GetDirectoryName(baseline)!)) is { } problem)
        {
            // Known before seeding and capturing plans, as --results is, not when the baseline is written after them.
            throw new UsageException($"--baseline: cannot write {baseline}: {problem}.");
        }

        return new BenchOptions(
            command,
            preset.ToLowerInvariant(),
            trades,
            command == BenchCommand.Suite ? parse.GetValue(Mode) : BenchPreset.Full,
            prefix,
            !parse.GetValue(NoSeed),
            update,
            command == BenchCommand.Gate && parse.GetValue(AllowDifferentEnvironment),
            baseline,
            parse.GetValue(harness.Results),
            harness.Provisioning(parse),
            [.. parse.UnmatchedTokens],
            command == BenchCommand.Suite && parse.GetResult(harness.BufferPool) is { Implicit: false } ? harness.ReadBufferPool(parse) : null);
    }
}
