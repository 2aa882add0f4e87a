using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Perf.Harness.Results;

/// <summary>Writes a run's files into one directory: <c>manifest.json</c>, named JSON results and Markdown reports headed by the provenance.</summary>
public sealed partial class ResultWriter
{
    /// <summary>The command-line flag that names the output directory of a run.</summary>
    public const string ResultsFlag = "--results";

    /// <summary>The manifest's file name.</summary>
    public const string ManifestFileName = "manifest.json";

    private ResultWriter(string directory, RunManifest manifest)
    {
        Directory = directory;
        Manifest = manifest;
    }

    /// <summary>The JSON settings for every results file: camelCase, indented, enums as names, NaN allowed.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The run's output directory.</summary>
    public string Directory { get; }

    /// <summary>The run's provenance; change it freely until <see cref="CompleteAsync"/>.</summary>
    public RunManifest Manifest { get; }

    /// <summary>Creates the output directory (<paramref name="resultsDirectory"/> itself when given, else <c>&lt;repo root&gt;/results/runs/&lt;yyyyMMdd-HHmmss&gt;-&lt;tool&gt;</c>) and writes a first manifest.</summary>
    public static async Task<ResultWriter> CreateAsync(RunManifest manifest, string? resultsDirectory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var directory = resultsDirectory is not null ? Path.GetFullPath(resultsDirectory) : NewRunDirectory(RepositoryPaths.FindRoot(), manifest);
        System.IO.Directory.CreateDirectory(directory);
        var writer = new ResultWriter(directory, manifest);
        await writer.WriteManifestAsync(cancellationToken).ConfigureAwait(false);
        return writer;
    }

    /// <summary>Removes <c>--results &lt;dir&gt;</c> (or <c>--results=&lt;dir&gt;</c>) from the arguments and returns the directory (null when absent) and the rest.</summary>
    public static (string? ResultsDirectory, string[] RemainingArgs) TakeResultsDirectory(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? directory = null;
        var remaining = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            if (Provisioning.ProvisioningOptions.TryTake(args, ref i, ResultsFlag, out var value))
            {
                directory = value;
            }
            else
            {
                remaining.Add(args[i]);
            }
        }

        return (directory, remaining.ToArray());
    }

    /// <summary>Writes <paramref name="value"/> as <c>&lt;name&gt;.json</c> and returns the file's path.</summary>
    public async Task<string> WriteJsonAsync<T>(string name, T value, CancellationToken cancellationToken = default)
    {
        var path = PathFor(name, ".json");
        var stream = File.Create(path);
        await using (stream.ConfigureAwait(false))
        {
            await JsonSerializer.SerializeAsync(stream, value, JsonOptions, cancellationToken).ConfigureAwait(false);
        }

        return path;
    }

    /// <summary>Writes <c>&lt;name&gt;.md</c>: the provenance block, then <paramref name="markdownBody"/>; returns the file's path.</summary>
    public async Task<string> WriteMarkdownAsync(string name, string markdownBody, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(markdownBody);
        var path = PathFor(name, ".md");
        var text = RenderProvenance(Manifest) + "\n" + markdownBody.TrimEnd() + "\n";
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        return path;
    }

    /// <summary>Writes any other file (a chart, a histogram log) into the run directory and returns its path.</summary>
    public async Task<string> WriteBytesAsync(string fileName, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var path = PathFor(fileName, string.Empty);
        await File.WriteAllBytesAsync(path, content, cancellationToken).ConfigureAwait(false);
        return path;
    }

    /// <summary>Writes <c>manifest.json</c> as the manifest stands now.</summary>
    public Task<string> WriteManifestAsync(CancellationToken cancellationToken = default) => WriteJsonAsync(ManifestFileName, Manifest, cancellationToken);

    /// <summary>Stamps <see cref="RunManifest.EndedUtc"/> (unless set) and rewrites the manifest.</summary>
    public Task<string> CompleteAsync(CancellationToken cancellationToken = default)
    {
        Manifest.EndedUtc ??= DateTime.UtcNow;
        return WriteManifestAsync(cancellationToken);
    }

    /// <summary>Renders the manifest as a Markdown provenance block, the header of every report.</summary>
    public static string RenderProvenance(RunManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var c = CultureInfo.InvariantCulture;
        var b = new StringBuilder();
        b.AppendLine("<!-- Provenance: generated by the harness from manifest.json; do not edit by hand. -->");
        b.AppendLine("| Provenance | |");
        b.AppendLine("|---|---|");
        Row("Tool", manifest.Tool + (manifest.Arguments.Count > 0 ? " " + string.Join(' ', manifest.Arguments) : string.Empty));
        Row("Commit", manifest.Git is null
            ? "unknown"
            : manifest.Git.Commit + (manifest.Git.Branch is null ? string.Empty : $" ({manifest.Git.Branch})") + manifest.Git.Dirty switch
            {
                true => ", with uncommitted changes",
                null => ", working tree state unknown",
                false => string.Empty,
            });
        if (manifest.Server is { } server)
        {
            Row("Server", $"{server.Flavor} {server.Version}, {server.Source}");
            var keys = new[] { "innodb_buffer_pool_size", "innodb_flush_log_at_trx_commit", "innodb_log_file_size", "innodb_redo_log_capacity", "max_connections", "performance_schema" };
            Row("Server settings", string.Join(", ", keys.Where(server.Settings.ContainsKey).Select(k => $"{k}={server.Settings[k]}")));
        }
        else
        {
            Row("Server", "none");
        }

        if (manifest.Redis is not null)
        {
            Row("Redis", manifest.Redis);
        }

        var m = manifest.Machine;
        Row("Machine", string.Create(c, $"{m.ProcessorCount} cores{(m.CpuModel is null ? string.Empty : $" ({m.CpuModel})")}, {m.TotalMemoryBytes / (1024.0 * 1024 * 1024):F1} GiB, {m.OsName}, {m.Architecture}, host {m.HostName}, {m.RuntimeVersion}"));
        if (manifest.Dataset is { } d)
        {
            Row("Dataset", string.Create(c, $"seed {d.Seed}, scale {d.Scale}, rows {string.Join(", ", d.RowCounts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => string.Create(c, $"{p.Key}={p.Value:N0}")))}, checksum {d.Checksum ?? "none"}"));
        }

        if (manifest.DdlHashes.Count > 0)
        {
            Row("DDL", string.Join(", ", manifest.DdlHashes.Select(p => $"{p.Key}={Short(p.Value)}")));
        }

        if (manifest.Parameters.Count > 0)
        {
            Row("Parameters", string.Join(", ", manifest.Parameters.Select(p => $"{p.Key}={p.Value}")));
        }

        Row("Started (UTC)", manifest.StartedUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", c));
        Row("Ended (UTC)", manifest.EndedUtc?.ToString("yyyy-MM-ddTHH:mm:ssZ", c) ?? "running");
        return b.ToString();

        void Row(string key, string value) => b.Append("| ").Append(key).Append(" | ").Append(value.Replace("|", "\\|", StringComparison.Ordinal)).AppendLine(" |");

        static string Short(string hash) => hash.Length > 12 ? hash[..12] : hash;
    }

    private static string NewRunDirectory(string repositoryRoot, RunManifest manifest)
    {
        var tool = UnsafeNameCharacters().Replace(manifest.Tool, "-");
        var stamp = manifest.StartedUtc.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var baseDirectory = Path.Combine(repositoryRoot, "results", "runs", $"{stamp}-{tool}");
        var directory = baseDirectory;
        for (var n = 2; System.IO.Directory.Exists(directory); n++)
        {
            directory = string.Create(CultureInfo.InvariantCulture, $"{baseDirectory}-{n}");
        }

        return directory;
    }

    private string PathFor(string name, string extension)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!SafeFileName().IsMatch(name))
        {
            throw new ArgumentException($"File name '{name}' may hold only letters, digits, '.', '_' and '-'.", nameof(name));
        }

        var fileName = extension.Length == 0 || name.EndsWith(extension, StringComparison.OrdinalIgnoreCase) ? name : name + extension;
        return Path.Combine(Directory, fileName);
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeFileName();

    [GeneratedRegex("[^A-Za-z0-9._-]", RegexOptions.CultureInvariant)]
    private static partial Regex UnsafeNameCharacters();
}
