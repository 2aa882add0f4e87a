using System.Text.Json;
using Perf.Harness.Results;

namespace Perf.Harness.Gates;

/// <summary>A committed timing baseline: a directory holding the run's <c>manifest.json</c> and its BenchmarkDotNet <c>*-report-full.json</c> exports.</summary>
/// <param name="Directory">Where it was read from.</param>
/// <param name="Manifest">The provenance of the baseline run (machine and server are compared before any timing).</param>
/// <param name="Timings">The baseline timings.</param>
public sealed record TimingBaseline(string Directory, RunManifest Manifest, IReadOnlyList<BenchmarkTiming> Timings)
{
    /// <summary>Reads a baseline directory.</summary>
    public static async Task<TimingBaseline> LoadAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var manifest = await RunManifestFile.ReadAsync(Path.Combine(directory, ResultWriter.ManifestFileName), cancellationToken).ConfigureAwait(false);
        var timings = await BenchmarkDotNetJson.ReadAsync(directory, cancellationToken).ConfigureAwait(false);
        return new TimingBaseline(directory, manifest, timings);
    }

    /// <summary>Replaces the baseline in <paramref name="directory"/> with <paramref name="manifest"/> and the exports at <paramref name="exports"/>.</summary>
    public static async Task SaveAsync(string directory, RunManifest manifest, IEnumerable<string> exports, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(exports);
        System.IO.Directory.CreateDirectory(directory);
        foreach (var old in System.IO.Directory.GetFiles(directory, "*" + BenchmarkDotNetJson.FullReportSuffix))
        {
            File.Delete(old);
        }

        foreach (var export in exports)
        {
            File.Copy(export, Path.Combine(directory, Path.GetFileName(export)), overwrite: true);
        }

        var stream = File.Create(Path.Combine(directory, ResultWriter.ManifestFileName));
        await using (stream.ConfigureAwait(false))
        {
            await JsonSerializer.SerializeAsync(stream, manifest, ResultWriter.JsonOptions, cancellationToken).ConfigureAwait(false);
        }
    }
}
