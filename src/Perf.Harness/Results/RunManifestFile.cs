namespace Perf.Harness.Results;

/// <summary>Reads back a <c>manifest.json</c> written by <see cref="ResultWriter"/>, to compare or re-render a stored run.</summary>
public static class RunManifestFile
{
    /// <summary>Reads the manifest at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file holds no manifest, or is not JSON.</exception>
    public static Task<RunManifest> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return ResultJson.ReadAsync<RunManifest>(path, "a run's manifest", "holds no manifest.", strict: false, cancellationToken);
    }
}
