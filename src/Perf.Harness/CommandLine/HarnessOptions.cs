using System.CommandLine;
using System.CommandLine.Parsing;
using Perf.Harness.Provisioning;
using Perf.Harness.Results;
using Telemetry.CommandLine;
using Telemetry.Data;
using Telemetry.Data.Schema;

namespace Perf.Harness.CommandLine;

/// <summary>The options every harness tool takes, defined once so they read and behave the same everywhere: server, Redis, results folder, database prefix and variant, the memory-constrained buffer pool.</summary>
/// <remarks>Add the server options to a tool's root (they are recursive), the others to the commands that use them.</remarks>
public sealed class HarnessOptions
{
    /// <summary><c>--mysql</c>: an existing server's connection string; without it <c>PERF_MYSQL</c>, then Testcontainers, then a local mariadbd.</summary>
    /// <remarks>Empty or malformed is a usage error when the command line is read: never "no server given", which would start one.</remarks>
    public Option<string?> MySql { get; } = CreateMySql();

    /// <summary><c>--redis</c>: an existing Redis (<c>host:port</c>); without it <c>PERF_REDIS</c>.</summary>
    /// <remarks>Empty is a usage error, never "no Redis given", which would start one.</remarks>
    public Option<string?> Redis { get; } = CreateRedis();

    /// <summary><c>--mysql-datadir</c>: the local server's home instead of <c>.perf/mysql</c>.</summary>
    /// <remarks>Empty is a usage error, never a path the server would be started in.</remarks>
    public Option<string?> DataDirectory { get; } = CreateDataDirectory();

    /// <summary><c>--results</c>: the run's output directory instead of <c>results/runs/STAMP-…</c>.</summary>
    /// <remarks>
    /// One that cannot be written, or that holds anything (another run's files would be overwritten and mixed with this
    /// run's; any other file could share a name with one the run writes), is a usage error when the command line is read,
    /// so a long run does not learn it at its end. The one exception: a stored run rendered again in its own folder.
    /// </remarks>
    public Option<string?> Results { get; }

    /// <summary>An option naming a stored run's file (bench report's <c>--measurements</c>) whose own folder <c>--results</c> may name: rendering a run again in place.</summary>
    public Option<string?>? RendersInPlace { get; set; }

    /// <summary>Creates the options.</summary>
    public HarnessOptions() => Results = CreateResults();

    /// <summary><c>--buffer-pool</c>: the memory-constrained state's buffer pool (bench report, load run and check, the bench suite).</summary>
    public Option<ByteSize?> BufferPool { get; } = ByteSize.Option(
        "--buffer-pool", $"a memory-constrained buffer pool ({new ByteSize(ServerRestart.DefaultConstrainedBufferPoolBytes)} where a constrained state is asked for without it): a scale model of a server whose data is many times its memory");

    /// <summary><c>--prefix</c>: the variant databases' name prefix (<c>telemetry</c> → <c>telemetry_composite</c>).</summary>
    public Option<string> Prefix { get; } = CreatePrefix(
        $"database name prefix ({VariantDatabase.DefaultPrefix} → {VariantDatabase.DefaultPrefix}_basic, {VariantDatabase.DefaultPrefix}_composite, ...)", VariantDatabase.DefaultPrefix)!;

    /// <summary><c>--variant</c>: one schema variant, default composite.</summary>
    public Option<SchemaVariant> Variant { get; } = new("--variant")
    {
        Description = "schema variant: basic, composite or partitioned",
        HelpName = "variant",
        DefaultValueFactory = _ => SchemaVariant.Composite,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
            if (TryParseVariant(text, out var variant))
            {
                return variant;
            }

            result.AddError($"--variant '{text}' is not one of {string.Join(", ", Enum.GetNames<SchemaVariant>().Select(n => n.ToLowerInvariant()))}.");
            return default;
        },
    };

    private static Option<string?> CreateDataDirectory()
    {
        var option = NonEmptyText.Option(ProvisioningOptions.DataDirectoryFlag, "the local server's data directory (default .perf/mysql under the repository)", "dir");
        option.Recursive = true;
        return option;
    }

    private static Option<string?> CreateMySql() => CreateServerOption(
        ProvisioningOptions.MySqlFlag,
        $"MySQL/MariaDB connection string (else env {ServerProvisioner.ConnectionStringVariable}; else Docker, else a local mariadbd)",
        "connection-string",
        text => TelemetryDataSource.Problem(text, ProvisioningOptions.MySqlFlag));

    private static Option<string?> CreateRedis() => CreateServerOption(
        ProvisioningOptions.RedisFlag,
        $"Redis host:port (else env {RedisProvisioner.ConfigurationVariable})",
        "host:port",
        text => string.IsNullOrWhiteSpace(text) ? $"{ProvisioningOptions.RedisFlag} is empty: give host:port, or leave {ProvisioningOptions.RedisFlag} out." : null);

    /// <summary>A recursive option naming a server; <paramref name="problem"/> says what is wrong with a value given, or null.</summary>
    private static Option<string?> CreateServerOption(string name, string description, string helpName, Func<string, string?> problem)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = helpName, Recursive = true };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && problem(text) is { } message)
            {
                result.AddError(message);
            }
        });
        return option;
    }

    private Option<string?> CreateResults()
    {
        var option = new Option<string?>(ResultWriter.ResultsFlag) { Description = "output directory (default results/runs/STAMP-NAME)", HelpName = "dir" };
        option.Validators.Add(result =>
        {
            var directory = result.GetValueOrDefault<string?>();
            if (directory is not null && string.IsNullOrWhiteSpace(directory))
            {
                result.AddError($"{ResultWriter.ResultsFlag} needs a folder.");
            }
            else if (directory is not null && ResultWriter.CannotWrite(directory) is { } problem)
            {
                result.AddError($"{ResultWriter.ResultsFlag}: cannot write results to {Path.GetFullPath(directory)}: {problem.TrimEnd('.')}.");
            }
            else if (directory is not null && File.Exists(Path.Combine(directory, ResultWriter.ManifestFileName)) && !InPlace(result, directory))
            {
                result.AddError($"{ResultWriter.ResultsFlag}: {Path.GetFullPath(directory)} holds another run (its {ResultWriter.ManifestFileName}), whose files this run would overwrite: give a new or empty folder.");
            }
            else if (directory is not null && FirstEntry(directory) is { } entry && !InPlace(result, directory))
            {
                result.AddError($"{ResultWriter.ResultsFlag}: {Path.GetFullPath(directory)} is not empty (it holds {Path.GetFileName(entry)}), and a run's files could overwrite what it holds: give a new or empty folder.");
            }
        });
        return option;
    }

    /// <summary>The first file or folder in <paramref name="directory"/>, or null when it is empty or does not exist.</summary>
    private static string? FirstEntry(string directory) =>
        Directory.Exists(directory) ? Directory.EnumerateFileSystemEntries(directory).Order(StringComparer.Ordinal).FirstOrDefault() : null;

    /// <summary>Whether <paramref name="directory"/> is the folder of the stored file <see cref="RendersInPlace"/> names.</summary>
    private bool InPlace(OptionResult result, string directory) =>
        RendersInPlace is { } stored && result.GetValue(stored) is { } file
        && string.Equals(Path.GetDirectoryName(Path.GetFullPath(file)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)), StringComparison.Ordinal);

    /// <summary>The memory-constrained state's buffer pool in bytes: <c>--buffer-pool</c>, or the default.</summary>
    /// <exception cref="UsageException">Below <see cref="ServerRestart.MinimumBufferPoolBytes"/>.</exception>
    public long ReadBufferPool(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return CheckBufferPool(parse.GetValue(BufferPool)?.Bytes ?? ServerRestart.DefaultConstrainedBufferPoolBytes);
    }

    /// <summary><paramref name="bytes"/> when it is a pool the harness can restart a server with.</summary>
    /// <exception cref="UsageException">Below <see cref="ServerRestart.MinimumBufferPoolBytes"/>.</exception>
    public static long CheckBufferPool(long bytes) => bytes >= ServerRestart.MinimumBufferPoolBytes
        ? bytes
        : throw new UsageException($"--buffer-pool: {new ByteSize(bytes)} is below the smallest pool the harness uses, {new ByteSize(ServerRestart.MinimumBufferPoolBytes)}.");

    /// <summary>Adds <c>--mysql</c>, <c>--mysql-datadir</c> and (for tools that use Redis) <c>--redis</c> to <paramref name="root"/> and every command below it.</summary>
    /// <param name="root">The command.</param>
    /// <param name="redis">False for a tool that never connects to Redis: there <c>--redis</c> would be read and ignored.</param>
    public void AddServerOptions(Command root, bool redis = true)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Options.Add(MySql);
        if (redis)
        {
            root.Options.Add(Redis);
        }

        root.Options.Add(DataDirectory);
    }

    /// <summary>How to find the server and Redis, from the parsed server options.</summary>
    /// <exception cref="UsageException"><c>PERF_MYSQL</c> stands in for <c>--mysql</c> and is malformed.</exception>
    public ProvisioningOptions Provisioning(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);

        // The variable gets the option's check; empty means unset, as environment variables do.
        if (parse.GetValue(MySql) is null
            && Environment.GetEnvironmentVariable(ServerProvisioner.ConnectionStringVariable) is { } variable
            && !string.IsNullOrWhiteSpace(variable)
            && TelemetryDataSource.Problem(variable, ServerProvisioner.ConnectionStringVariable) is { } problem)
        {
            throw new UsageException(problem);
        }

        // A connection string wins over the local server, so a data directory beside it would be read and ignored, and the
        // run would go to the server the string names instead of the one the user asked to start.
        if (parse.GetValue(DataDirectory) is not null
            && (parse.GetValue(MySql) is not null || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ServerProvisioner.ConnectionStringVariable))))
        {
            var source = parse.GetValue(MySql) is not null ? ProvisioningOptions.MySqlFlag : ServerProvisioner.ConnectionStringVariable;
            throw new UsageException($"{ProvisioningOptions.DataDirectoryFlag} starts a local server, and {source} names an existing one: give one of them.");
        }

        return new ProvisioningOptions
        {
            ConnectionString = parse.GetValue(MySql),
            RedisConfiguration = parse.GetValue(Redis),
            DataDirectory = parse.GetValue(DataDirectory),
        };
    }

    /// <summary>Parses a variant name (case-insensitive; numbers are not names).</summary>
    public static bool TryParseVariant(string text, out SchemaVariant variant) =>
        Enum.TryParse(text, ignoreCase: true, out variant) && Enum.IsDefined(variant) && !int.TryParse(text, out _);

    /// <summary>A <c>--prefix</c> option with its own help and default (null: none, the command derives one), checked as every tool checks it.</summary>
    public static Option<string> CreatePrefix(string description, string? defaultValue)
    {
        var prefix = new Option<string>("--prefix") { Description = description, HelpName = "name" };
        if (defaultValue is not null)
        {
            prefix.DefaultValueFactory = _ => defaultValue;
        }

        prefix.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            try
            {
                _ = VariantDatabase.Name(value, SchemaVariant.Basic);
            }
            catch (ArgumentException)
            {
                result.AddError($"--prefix must be 1 to 40 lower-case letters, digits or underscores; got '{value}'.");
            }
        });
        return prefix;
    }
}
