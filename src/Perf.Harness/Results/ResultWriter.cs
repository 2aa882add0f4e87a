using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Perf.Harness.Reports;

namespace Perf.Harness.Results;

/// <summary>Writes a run's files into one directory: <c>manifest.json</c>, named JSON results and reports headed by the provenance.</summary>
/// <remarks>Each file is replaced whole or not at all (<see cref="WholeFile"/>): a failed rewrite leaves the one before.</remarks>
public sealed partial class ResultWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

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

    /// <summary>Creates the output directory (<paramref name="resultsDirectory"/> itself when given, else a new run folder: <see cref="CreateAsync(RunManifest, string?, string?, CancellationToken)"/>) and writes a first manifest.</summary>
    public static Task<ResultWriter> CreateAsync(RunManifest manifest, string? resultsDirectory = null, CancellationToken cancellationToken = default) =>
        CreateAsync(manifest, resultsDirectory, null, cancellationToken);

    /// <summary>
    /// Creates the output directory and writes a first manifest: <paramref name="resultsDirectory"/> itself when given, else a
    /// new <c>&lt;repo root&gt;/results/runs/&lt;yyyyMMdd-HHmmss&gt;-&lt;tool&gt;[-&lt;label&gt;]</c>, with <c>-2</c>, <c>-3</c>… when
    /// another run, even one started in the same second, has that name.
    /// </summary>
    public static async Task<ResultWriter> CreateAsync(RunManifest manifest, string? resultsDirectory, string? label, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (resultsDirectory is null)
        {
            return await CreateRunDirectoryAsync(Path.Combine(RepositoryPaths.FindRoot(), "results", "runs"), manifest, label, cancellationToken).ConfigureAwait(false);
        }

        var directory = Path.GetFullPath(resultsDirectory);
        var writer = new ResultWriter(directory, manifest);
        try
        {
            System.IO.Directory.CreateDirectory(directory);
            await writer.WriteManifestAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Cannot write results to {directory}: {ex.Message}", ex);
        }

        return writer;
    }

    /// <summary>
    /// Why <paramref name="resultsDirectory"/> could not hold a run's results, found before the run rather than after it;
    /// null when it can. Writes nothing: the nearest folder that exists is tried with a file deleted as it closes.
    /// </summary>
    public static string? CannotWrite(string resultsDirectory)
    {
        ArgumentNullException.ThrowIfNull(resultsDirectory);
        var directory = Path.GetFullPath(resultsDirectory);
        var existing = directory;
        while (!System.IO.Directory.Exists(existing))
        {
            if (File.Exists(existing))
            {
                return $"{existing} is a file";
            }

            existing = Path.GetDirectoryName(existing);
            if (existing is null)
            {
                return "no folder on its path exists";
            }
        }

        try
        {
            using var probe = new FileStream(Path.Combine(existing, $".perf-write-check-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The exception names the probe file (/proc/.perf-write-check-…), which the user never asked for.
            return $"the folder {existing} cannot be written{(ex is UnauthorizedAccessException ? " (permission denied)" : string.Empty)}";
        }
    }

    /// <summary>Writes <paramref name="value"/> as <c>&lt;name&gt;.json</c> and returns the file's path.</summary>
    public async Task<string> WriteJsonAsync<T>(string name, T value, CancellationToken cancellationToken = default)
    {
        var path = PathFor(name, ".json");
        await WholeFile.WriteJsonAsync(path, value, cancellationToken).ConfigureAwait(false);
        return path;
    }

    /// <summary>Writes <c>&lt;name&gt;.md</c>: the provenance block, then <paramref name="markdownBody"/>; returns the file's path.</summary>
    private async Task<string> WriteMarkdownAsync(string name, string markdownBody, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(markdownBody);
        var path = PathFor(name, ".md");
        var text = ProvenanceBlock.Markdown(Manifest) + "\n" + markdownBody.TrimEnd() + "\n";
        await WholeFile.WriteBytesAsync(path, Utf8.GetBytes(text), cancellationToken).ConfigureAwait(false);
        return path;
    }

    /// <summary>Writes <paramref name="document"/> as <c>&lt;name&gt;.md</c> headed by the provenance, its charts as PNG files beside it and, when <paramref name="html"/>, as a self-contained <c>&lt;name&gt;.html</c>; returns the Markdown's path.</summary>
    public async Task<string> WriteReportAsync(string name, ReportDocument document, bool html, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var image in document.Images)
        {
            await WriteBytesAsync(image.FileName, image.Png, cancellationToken).ConfigureAwait(false);
        }

        if (html)
        {
            var page = HtmlRenderer.Render(document, ProvenanceBlock.Table(Manifest));
            await WholeFile.WriteBytesAsync(PathFor(name, ".html"), Utf8.GetBytes(page), cancellationToken).ConfigureAwait(false);
        }

        return await WriteMarkdownAsync(name, MarkdownRenderer.Render(document), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes any other file (a chart, a histogram log) into the run directory and returns its path.</summary>
    public async Task<string> WriteBytesAsync(string fileName, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var path = PathFor(fileName, string.Empty);
        await WholeFile.WriteBytesAsync(path, content, cancellationToken).ConfigureAwait(false);
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

    /// <summary>A run folder no other run shares: staged beside its name with the first manifest, then renamed into place.</summary>
    /// <remarks>
    /// A rename never replaces a folder that holds files, so of two runs that chose one name (started in the same second)
    /// one gets it and the other the next suffix; a check for the name before creating it would let both take it.
    /// </remarks>
    private static async Task<ResultWriter> CreateRunDirectoryAsync(string runs, RunManifest manifest, string? label, CancellationToken cancellationToken)
    {
        var stamp = manifest.StartedUtc.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var name = $"{stamp}-{UnsafeNameCharacters().Replace(label is null ? manifest.Tool : $"{manifest.Tool}-{label}", "-")}";
        var staged = new ResultWriter(Path.Combine(runs, $".{name}.{Guid.NewGuid():N}.tmp"), manifest);
        try
        {
            try
            {
                System.IO.Directory.CreateDirectory(staged.Directory);
                await staged.WriteManifestAsync(cancellationToken).ConfigureAwait(false);
                for (var n = 1; ; n++)
                {
                    var directory = Path.Combine(runs, n == 1 ? name : string.Create(CultureInfo.InvariantCulture, $"{name}-{n}"));
                    try
                    {
                        System.IO.Directory.Move(staged.Directory, directory);
                        return new ResultWriter(directory, manifest);
                    }
                    catch (IOException) when (Path.Exists(directory))
                    {
                        // Another run's folder: try the next suffix.
                    }
                }
            }
            catch
            {
                DeleteQuietly(staged.Directory);
                throw;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Cannot write results to {runs}: {ex.Message}", ex);
        }
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The failure to create the run folder is the one to report.
        }
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
