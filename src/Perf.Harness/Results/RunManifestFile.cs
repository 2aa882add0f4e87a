using System.Text.Json;

namespace Perf.Harness.Results;

/// <summary>Reads back a <c>manifest.json</c> written by <see cref="ResultWriter"/>, to compare or re-render a stored run.</summary>
public static class RunManifestFile
{
    /// <summary>Reads the manifest at <paramref name="path"/>.</summary>
    public static async Task<RunManifest> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync<RunManifest>(stream, ResultWriter.JsonOptions, cancellationToken).ConfigureAwait(false)
                ?? throw new FormatException($"'{path}' holds no manifest.");
        }
    }
}
