namespace Perf.Harness.Results;

/// <summary>Reads back a <c>manifest.json</c> written by <see cref="ResultWriter"/>, to compare or re-render a stored run.</summary>
public static class RunManifestFile
{
    /// <summary>Reads the manifest at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file holds no manifest, or is not JSON.</exception>
    public static async Task<RunManifest> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var manifest = await ResultJson.ReadAsync<RunManifest>(path, "a run's manifest", "holds no manifest.", strict: false, cancellationToken).ConfigureAwait(false);

        // Read leniently (older manifests have fewer members), a null still passes for the two every manifest has had.
        return manifest.Tool is null || manifest.Machine is null
            ? throw new InvalidDataException($"{path} is not a run's manifest: its tool or machine is null.")
            : manifest;
    }
}
