using System.CommandLine;
using System.Globalization;
using Perf.Harness.CommandLine;
using Telemetry.CommandLine;
using Telemetry.Data.Schema;

namespace Perf.Seed.Cli;

/// <summary>The seeder's options on System.CommandLine, and how they become <see cref="SeedOptions"/>; every mistake is a <see cref="UsageException"/> before anything is written.</summary>
public sealed class SeedCommandLine
{
    /// <summary>Creates the options around the shared harness options.</summary>
    public SeedCommandLine(HarnessOptions harness)
    {
        ArgumentNullException.ThrowIfNull(harness);
        Harness = harness;
    }

    /// <summary>The shared harness options (server, prefix, results).</summary>
    public HarnessOptions Harness { get; }

    /// <summary><c>--preset</c>: the scale.</summary>
    public Option<string?> Preset { get; } = new("--preset") { Description = "scale: small (~1M trades), medium (~10M) or large (~50M); default small", HelpName = "name" };

    /// <summary><c>--seed</c>: the master random seed.</summary>
    public Option<long?> Seed { get; } = WholeNumber.Option("--seed", long.MinValue, long.MaxValue, "master random seed (default 42)");

    /// <summary><c>--profiles</c>: trading profiles.</summary>
    public Option<long?> Profiles { get; } = WholeNumber.Option("--profiles", 1, SeedOptions.MaxProfiles, "trading profiles (preset: 100 / 200 / 500)");

    /// <summary><c>--from</c>: the first day.</summary>
    public Option<string?> From { get; } = new("--from") { Description = "first day, YYYY-MM-DD (with --to)", HelpName = "date" };

    /// <summary><c>--to</c>: the day after the last.</summary>
    public Option<string?> To { get; } = new("--to") { Description = "day after the last, YYYY-MM-DD (exclusive)", HelpName = "date" };

    /// <summary><c>--days</c>: the days before today.</summary>
    public Option<long?> Days { get; } = WholeNumber.Option("--days", 1, 36_500, "or: the N days before today (UTC)");

    /// <summary><c>--trades</c>: total trades.</summary>
    public Option<long?> Trades { get; } = WholeNumber.Option("--trades", 0, 2_000_000_000, "total trades (preset: 1M / 10M / 50M)");

    /// <summary><c>--symbols</c>: the symbol universe.</summary>
    public Option<long?> Symbols { get; } = WholeNumber.Option("--symbols", 1, 20_000, "symbol universe (default 500)");

    /// <summary><c>--health-interval</c>: minutes between health samples.</summary>
    public Option<long?> HealthInterval { get; } = WholeNumber.Option("--health-interval", 0, 1440, "minutes between health samples per script, 0 for none (default 60)");

    /// <summary><c>--variants</c>: the variants to fill.</summary>
    public Option<string?> Variants { get; } = new("--variants") { Description = "comma list of basic,composite,partitioned (default all)", HelpName = "list" };

    /// <summary><c>--reset</c>.</summary>
    public Option<bool> Reset { get; } = new("--reset") { Description = "drop and recreate the variant databases first" };

    /// <summary><c>--append</c>.</summary>
    public Option<bool> Append { get; } = new("--append") { Description = "add the dataset after the rows already there" };

    /// <summary><c>--force</c>.</summary>
    public Option<bool> Force { get; } = new("--force") { Description = "load even if the same dataset is already present" };

    /// <summary><c>--no-metrics</c>.</summary>
    public Option<bool> NoMetrics { get; } = new("--no-metrics") { Description = "skip the metric rollup (load timing; dd_telemetry_metrics stays empty)" };

    /// <summary><c>--max-disk</c>: the disk budget.</summary>
    public Option<ByteSize?> MaxDisk { get; } = ByteSize.Option("--max-disk", "stop before writing anything when the dataset would need more disk than this (e.g. 20G); default: the free space of a local server's data directory");

    /// <summary>Parses <paramref name="args"/> (the seeder's flags, no sub-command) into options; <paramref name="today"/> anchors <c>--days</c> and presets.</summary>
    /// <exception cref="UsageException">A flag is unknown, repeated, missing its value, out of range or contradicts another.</exception>
    public static SeedOptions ParseOptions(IReadOnlyList<string> args, DateOnly today)
    {
        var options = new SeedCommandLine(new HarnessOptions());
        var command = new Command("seed");
        options.AddTo(command);
        return options.Read(CommandLineRunner.Parse(command, args), today);
    }


    /// <summary>Adds the seeder's options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { Preset, Seed, Profiles, From, To, Days, Trades, Symbols, HealthInterval, Variants, Harness.Prefix, Reset, Append, Force, NoMetrics, MaxDisk })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The options the parsed flags ask for; <paramref name="today"/> anchors <c>--days</c> and presets.</summary>
    /// <exception cref="UsageException">Values contradict each other or make no dataset.</exception>
    public SeedOptions Read(ParseResult parse, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var preset = SeedPreset.Small;
        if (parse.GetValue(Preset) is { } presetName)
        {
            preset = SeedPreset.Find(presetName) ?? throw new UsageException($"--preset must be one of {string.Join(", ", SeedPreset.All.Select(p => p.Name))}; got '{presetName}'.");
        }

        var options = SeedOptions.FromPreset(preset, today);
        options = options with { Seed = parse.GetValue(Seed) ?? options.Seed };
        var custom = false;
        if (parse.GetValue(Profiles) is { } profiles)
        {
            options = options with { Profiles = (int)profiles };
            custom = true;
        }

        if (parse.GetValue(Trades) is { } trades)
        {
            options = options with { Trades = trades };
            custom = true;
        }

        if (parse.GetValue(Symbols) is { } symbols)
        {
            options = options with { Symbols = (int)symbols };
            custom = true;
        }

        if (parse.GetValue(HealthInterval) is { } interval)
        {
            options = options with { HealthIntervalMinutes = (int)interval };
            custom = true;
        }

        var (from, to, days) = (parse.GetValue(From), parse.GetValue(To), parse.GetValue(Days));
        if ((from is not null || to is not null) && days is not null)
        {
            throw new UsageException("give either --from/--to or --days, not both.");
        }

        if (from is not null || to is not null)
        {
            if (from is null || to is null)
            {
                throw new UsageException("--from and --to go together.");
            }

            options = options with { From = ParseDate("--from", from), To = ParseDate("--to", to) };
            custom = true;
        }
        else if (days is { } count)
        {
            options = options with { From = today.AddDays(-(int)count), To = today };
            custom = true;
        }

        if (parse.GetValue(Variants) is { } variantList)
        {
            options = options with { Variants = ParseVariants(variantList) };
        }

        var (reset, append) = (parse.GetValue(Reset), parse.GetValue(Append));
        if (reset && append)
        {
            throw new UsageException("--reset and --append contradict each other; give one.");
        }

        options = options with
        {
            DatabasePrefix = parse.GetRequiredValue(Harness.Prefix),
            Mode = reset ? SeedMode.Reset : append ? SeedMode.Append : SeedMode.Replace,
            Force = parse.GetValue(Force),
            ComputeMetrics = !parse.GetValue(NoMetrics),
            MaxDiskBytes = parse.GetValue(MaxDisk)?.Bytes,
            Scale = custom ? "custom" : preset.Name,
        };
        return options.Validate() is { } problem ? throw new UsageException(problem) : options;
    }

    /// <summary>Parses <c>--variants</c>' comma list (seed, bench report): known names, each once, at least one.</summary>
    /// <exception cref="UsageException">It is not such a list.</exception>
    public static List<SchemaVariant> ParseVariants(string list)
    {
        var variants = new List<SchemaVariant>();
        foreach (var part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!HarnessOptions.TryParseVariant(part, out var variant))
            {
                throw new UsageException($"--variants takes basic, composite and partitioned; got '{part}'.");
            }

            if (variants.Contains(variant))
            {
                throw new UsageException($"--variants names '{part}' twice.");
            }

            variants.Add(variant);
        }

        return variants.Count > 0 ? variants : throw new UsageException("--variants names no variant.");
    }

    private static DateOnly ParseDate(string flag, string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new UsageException($"{flag} takes a date as YYYY-MM-DD; got '{value}'.");
}
