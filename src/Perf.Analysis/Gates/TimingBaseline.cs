using System.Text.Json;
using Perf.Harness.Results;

namespace Perf.Analysis.Gates;

/// <summary>A stored timing baseline: a directory holding the measuring run's <c>manifest.json</c> and its round medians (<c>timings.json</c>).</summary>
/// <param name="Directory">Where it was read from.</param>
/// <param name="Manifest">The provenance of the baseline run (machine, server, dataset and schema are compared before any timing).</param>
/// <param name="Timings">The baseline timings.</param>
public sealed record TimingBaseline(string Directory, RunManifest Manifest, IReadOnlyList<TimingSeries> Timings)
{
    /// <summary>The file holding the timings.</summary>
    public const string TimingsFileName = "timings.json";

    /// <summary>Reads a baseline directory.</summary>
    /// <exception cref="InvalidDataException">The directory holds no readable baseline.</exception>
    public static async Task<TimingBaseline> LoadAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var manifestPath = Path.Combine(directory, ResultWriter.ManifestFileName);
        var timingsPath = Path.Combine(directory, TimingsFileName);
        if (!File.Exists(manifestPath) || !File.Exists(timingsPath))
        {
            throw new InvalidDataException($"{directory} is not a timing baseline (it needs {ResultWriter.ManifestFileName} and {TimingsFileName}); create one with `ci --update-baseline`.");
        }

        var manifest = await RunManifestFile.ReadAsync(manifestPath, cancellationToken).ConfigureAwait(false);
        var stream = File.OpenRead(timingsPath);
        await using (stream.ConfigureAwait(false))
        {
            var timings = await JsonSerializer.DeserializeAsync<List<TimingSeries>>(stream, ResultWriter.JsonOptions, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"{timingsPath} holds no timings.");
            return new TimingBaseline(directory, manifest, timings);
        }
    }

    /// <summary>Replaces the baseline in <paramref name="directory"/>.</summary>
    public static async Task SaveAsync(string directory, RunManifest manifest, IReadOnlyList<TimingSeries> timings, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(timings);
        System.IO.Directory.CreateDirectory(directory);
        await WriteAsync(Path.Combine(directory, TimingsFileName), timings, cancellationToken).ConfigureAwait(false);
        await WriteAsync(Path.Combine(directory, ResultWriter.ManifestFileName), manifest, cancellationToken).ConfigureAwait(false);
    }

    private static async Task WriteAsync<T>(string path, T value, CancellationToken cancellationToken)
    {
        var stream = File.Create(path);
        await using (stream.ConfigureAwait(false))
        {
            await JsonSerializer.SerializeAsync(stream, value, ResultWriter.JsonOptions, cancellationToken).ConfigureAwait(false);
        }
    }
}
