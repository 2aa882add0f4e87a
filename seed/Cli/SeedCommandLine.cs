using System.Globalization;
using Telemetry.Data.Schema;

namespace Perf.Seed.Cli;

/// <summary>Parses the seeder's flags into <see cref="SeedOptions"/>; every mistake becomes a <see cref="CommandLineException"/> before anything is written.</summary>
public static class SeedCommandLine
{
    /// <summary>The usage text.</summary>
    public const string Usage = """
        Seeds the telemetry variant databases with a deterministic dataset.

        usage: dotnet run -c Release --project seed -- [options]
               dotnet run -c Release --project seed -- bench-load [--trades N] [--seed N] [--repeat N] [--chunk-rows N] [--results DIR] [--mysql CS]

          --preset small|medium|large   scale: ~1M, ~10M or ~50M trades (default small)
          --seed N                      master random seed (default 42)
          --profiles N                  trading profiles (preset: 100 / 200 / 500)
          --from YYYY-MM-DD --to YYYY-MM-DD   the date range, --to exclusive
          --days N                      or: the N days before today (UTC)
          --trades N                    total trades (preset: 1M / 10M / 50M)
          --symbols N                   symbol universe (default 500)
          --health-interval MIN         minutes between health samples per script, 0 for none (default 60)
          --variants LIST               comma list of basic,composite,partitioned (default all)
          --db-prefix NAME              database prefix (default telemetry → telemetry_basic, ...)
          --reset                       drop and recreate the variant databases first
          --append                      add the dataset after the rows already there
          --force                       load even if the same dataset is already present
          --no-metrics                  skip the metric rollup (load timing; dd_telemetry_metrics stays empty)
          --mysql CS                    server connection string (or PERF_MYSQL); default: Docker, else a local mariadbd
          --help                        this text
        """;

    /// <summary>Parses <paramref name="args"/>; <paramref name="today"/> anchors <c>--days</c> and presets.</summary>
    /// <exception cref="CommandLineException">A flag is unknown, repeated, missing its value or out of range.</exception>
    public static SeedCommand Parse(IReadOnlyList<string> args, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var switches = new HashSet<string>(StringComparer.Ordinal);
        string[] valueFlags = ["--preset", "--seed", "--profiles", "--from", "--to", "--days", "--trades", "--symbols", "--health-interval", "--variants", "--db-prefix"];
        string[] switchFlags = ["--reset", "--append", "--force", "--no-metrics", "--help", "-h"];
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            var name = eq > 0 && arg.StartsWith("--", StringComparison.Ordinal) ? arg[..eq] : arg;
            if (valueFlags.Contains(name))
            {
                string value;
                if (eq > 0)
                {
                    value = arg[(eq + 1)..];
                }
                else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    value = args[++i];
                }
                else
                {
                    throw new CommandLineException($"{name} needs a value.");
                }

                if (string.IsNullOrWhiteSpace(value))
                {
                    throw new CommandLineException($"{name} needs a value.");
                }

                if (!values.TryAdd(name, value))
                {
                    throw new CommandLineException($"{name} is given twice.");
                }
            }
            else if (switchFlags.Contains(arg))
            {
                switches.Add(arg);
            }
            else
            {
                throw new CommandLineException($"unknown argument '{arg}'.");
            }
        }

        if (switches.Contains("--help") || switches.Contains("-h"))
        {
            return new SeedCommand(new SeedOptions(), Help: true);
        }

        var preset = SeedPreset.Small;
        if (values.TryGetValue("--preset", out var presetName))
        {
            preset = SeedPreset.Find(presetName) ?? throw new CommandLineException($"--preset must be one of {string.Join(", ", SeedPreset.All.Select(p => p.Name))}; got '{presetName}'.");
        }

        var options = SeedOptions.FromPreset(preset, today);
        var custom = false;
        if (values.TryGetValue("--seed", out var seed))
        {
            options = options with { Seed = ParseLong("--seed", seed, long.MinValue, long.MaxValue) };
        }

        if (values.TryGetValue("--profiles", out var profiles))
        {
            options = options with { Profiles = (int)ParseLong("--profiles", profiles, 1, 100_000) };
            custom = true;
        }

        if (values.TryGetValue("--trades", out var trades))
        {
            options = options with { Trades = ParseLong("--trades", trades, 0, 2_000_000_000) };
            custom = true;
        }

        if (values.TryGetValue("--symbols", out var symbols))
        {
            options = options with { Symbols = (int)ParseLong("--symbols", symbols, 1, 20_000) };
            custom = true;
        }

        if (values.TryGetValue("--health-interval", out var interval))
        {
            options = options with { HealthIntervalMinutes = (int)ParseLong("--health-interval", interval, 0, 1440) };
            custom = true;
        }

        var hasRange = values.ContainsKey("--from") || values.ContainsKey("--to");
        if (hasRange && values.ContainsKey("--days"))
        {
            throw new CommandLineException("give either --from/--to or --days, not both.");
        }

        if (hasRange)
        {
            if (!values.TryGetValue("--from", out var from) || !values.TryGetValue("--to", out var to))
            {
                throw new CommandLineException("--from and --to go together.");
            }

            options = options with { From = ParseDate("--from", from), To = ParseDate("--to", to) };
            custom = true;
        }
        else if (values.TryGetValue("--days", out var days))
        {
            options = options with { From = today.AddDays(-(int)ParseLong("--days", days, 1, 36_500)), To = today };
            custom = true;
        }

        if (values.TryGetValue("--variants", out var variantList))
        {
            options = options with { Variants = ParseVariants(variantList) };
        }

        if (values.TryGetValue("--db-prefix", out var prefix))
        {
            try
            {
                _ = VariantDatabase.Name(prefix, SchemaVariant.Basic);
            }
            catch (ArgumentException)
            {
                throw new CommandLineException($"--db-prefix must be 1 to 40 lower-case letters, digits or underscores; got '{prefix}'.");
            }

            options = options with { DatabasePrefix = prefix };
        }

        if (switches.Contains("--reset") && switches.Contains("--append"))
        {
            throw new CommandLineException("--reset and --append contradict each other; give one.");
        }

        options = options with
        {
            Mode = switches.Contains("--reset") ? SeedMode.Reset : switches.Contains("--append") ? SeedMode.Append : SeedMode.Replace,
            Force = switches.Contains("--force"),
            ComputeMetrics = !switches.Contains("--no-metrics"),
            Scale = custom ? "custom" : preset.Name,
        };

        if (options.Validate() is { } problem)
        {
            throw new CommandLineException(problem);
        }

        return new SeedCommand(options, Help: false);
    }

    /// <summary>Parses a comma list of variant names.</summary>
    public static IReadOnlyList<SchemaVariant> ParseVariants(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var variants = new List<SchemaVariant>();
        foreach (var part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<SchemaVariant>(part, ignoreCase: true, out var variant) || !Enum.IsDefined(variant) || int.TryParse(part, out _))
            {
                throw new CommandLineException($"--variants takes basic, composite and partitioned; got '{part}'.");
            }

            if (variants.Contains(variant))
            {
                throw new CommandLineException($"--variants names '{part}' twice.");
            }

            variants.Add(variant);
        }

        return variants.Count > 0 ? variants : throw new CommandLineException("--variants names no variant.");
    }

    /// <summary>Parses an integer flag within bounds.</summary>
    public static long ParseLong(string flag, string value, long min, long max)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!long.TryParse(value.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            throw new CommandLineException($"{flag} takes a whole number; got '{value}'.");
        }

        if (number < min || number > max)
        {
            throw new CommandLineException(string.Create(CultureInfo.InvariantCulture, $"{flag} must be between {min} and {max}; got {number}."));
        }

        return number;
    }

    private static DateOnly ParseDate(string flag, string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new CommandLineException($"{flag} takes a date as YYYY-MM-DD; got '{value}'.");
}
