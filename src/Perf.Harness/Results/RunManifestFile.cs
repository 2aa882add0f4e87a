using System.Text.Json;

namespace Perf.Harness.Results;

/// <summary>Reads back a <c>manifest.json</c> written by <see cref="ResultWriter"/>, to compare or re-render a stored run.</summary>
public static class RunManifestFile
{
    /// <summary>Reads the manifest at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file holds no manifest, or is not JSON.</exception>
    public static async Task<RunManifest> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return await JsonSerializer.DeserializeAsync<RunManifest>(stream, ResultWriter.JsonOptions, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidDataException($"'{path}' holds no manifest.");
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"'{path}' is not a run's manifest: {ex.Message.ReplaceLineEndings(" ")}", ex);
            }
        }
    }
}
