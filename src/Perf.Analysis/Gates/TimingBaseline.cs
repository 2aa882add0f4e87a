using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Perf.Harness.Results;

namespace Perf.Analysis.Gates;

/// <summary>A stored timing baseline: a directory holding the measuring run's <c>manifest.json</c> and its round medians (<c>timings.json</c>).</summary>
/// <remarks>
/// Each file is replaced whole, but not both at once: the manifest records the timings file's hash, so a pair that a save
/// interrupted between the two files (or a file copied in from another baseline) is refused on reading, not compared.
/// </remarks>
/// <param name="Directory">Where it was read from.</param>
/// <param name="Manifest">The provenance of the baseline run (machine, server, dataset and schema are compared before any timing).</param>
/// <param name="Timings">The baseline timings.</param>
public sealed record TimingBaseline(string Directory, RunManifest Manifest, IReadOnlyList<TimingSeries> Timings)
{
    /// <summary>The file holding the timings.</summary>
    public const string TimingsFileName = "timings.json";

    /// <summary>The manifest parameter holding the SHA-256 of the <c>timings.json</c> saved with it.</summary>
    public const string TimingsHashParameter = "timings.sha256";

    /// <summary>The name of the check that holds a run to the stored baseline's way of measuring.</summary>
    public const string MeasuredAlikeName = "timings measured as the stored baseline (--cases, --executions, --warmup)";

    /// <summary>The manifest parameters that say how a run's timings were measured, with the option each comes from.</summary>
    private static readonly (string Key, string Option)[] MeasurementParameters =
        [("timings.cases", "--cases"), ("timings.executions", "--executions"), ("timings.warmup", "--warmup")];

    /// <summary>Records in <paramref name="manifest"/> how the run measures its timings (<c>--cases</c>, <c>--executions</c>, <c>--warmup</c>), so a baseline it stores says so.</summary>
    public static void RecordMeasurement(RunManifest manifest, IReadOnlyList<string> cases, int executions, int warmup)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(cases);
        // The filters match names case-insensitively in any order: one selection, one spelling.
        manifest.Parameters["timings.cases"] = cases.Count == 0 ? "all" : string.Join(',', cases.Select(f => f.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        manifest.Parameters["timings.executions"] = executions.ToString(CultureInfo.InvariantCulture);
        manifest.Parameters["timings.warmup"] = warmup.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>An environment check that fails when <paramref name="current"/> measures otherwise than the stored <paramref name="baseline"/> did (<see cref="RecordMeasurement"/>).</summary>
    /// <remarks>
    /// Other queries leave some unjudged; other executions or warm-up move every round median. Unlike the machine, the
    /// options are the user's to match, so <c>--allow-different-environment</c> does not override this; a baseline that
    /// recorded none (stored before they were) differs from every run.
    /// </remarks>
    public static GateCheck MeasuredAlike(RunManifest baseline, RunManifest current)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        var settings = MeasurementParameters.Select(p => (p.Option, Before: Parameter(baseline, p.Key), After: Parameter(current, p.Key))).ToList();
        var differences = settings.Where(s => !string.Equals(s.Before, s.After, StringComparison.Ordinal)).Select(s => $"{s.Option}: baseline {s.Before}, this run {s.After}").ToList();
        return differences.Count == 0
            ? new GateCheck(GateReport.EnvironmentSuite, MeasuredAlikeName, GateOutcome.Passed, string.Join(' ', settings.Select(s => $"{s.Option} {s.After}")))
            : new GateCheck(GateReport.EnvironmentSuite, MeasuredAlikeName, GateOutcome.Failed,
                "refusing to compare with a baseline measured otherwise (run with the baseline's options, or store it again with --update-baseline): " + string.Join("; ", differences));

        static string Parameter(RunManifest manifest, string key) => manifest.Parameters.TryGetValue(key, out var value) ? value : "not recorded";
    }

    /// <summary>Reads a baseline directory.</summary>
    /// <exception cref="InvalidDataException">The directory holds no readable baseline, or its timings are not the ones its manifest was saved with.</exception>
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
        var content = await File.ReadAllBytesAsync(timingsPath, cancellationToken).ConfigureAwait(false);
        var recorded = manifest.Parameters.TryGetValue(TimingsHashParameter, out var hash) ? hash : null;
        if (!string.Equals(recorded, Hash(content), StringComparison.Ordinal))
        {
            throw new InvalidDataException(recorded is null
                ? $"{manifestPath} records no hash of {TimingsFileName} (stored before baselines did), so nothing proves the two belong together; store the baseline again with `ci --update-baseline`."
                : $"{timingsPath} is not the file {manifestPath} was saved with (a save interrupted between the two files, or a file from another baseline); store the baseline again with `ci --update-baseline`.");
        }

        var timings = JsonSerializer.Deserialize<List<TimingSeries>>(content, ResultWriter.JsonOptions)
            ?? throw new InvalidDataException($"{timingsPath} holds no timings.");
        return new TimingBaseline(directory, manifest, timings);
    }

    /// <summary>Replaces the baseline in <paramref name="directory"/>, each file whole or not at all, the manifest last and recording the timings' hash.</summary>
    public static async Task SaveAsync(string directory, RunManifest manifest, IReadOnlyList<TimingSeries> timings, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(timings);
        System.IO.Directory.CreateDirectory(directory);
        var content = JsonSerializer.SerializeToUtf8Bytes(timings, ResultWriter.JsonOptions);
        var stored = manifest with { Parameters = new SortedDictionary<string, string>(manifest.Parameters, StringComparer.Ordinal) { [TimingsHashParameter] = Hash(content) } };
        await WholeFile.WriteBytesAsync(Path.Combine(directory, TimingsFileName), content, cancellationToken).ConfigureAwait(false);
        await WholeFile.WriteJsonAsync(Path.Combine(directory, ResultWriter.ManifestFileName), stored, cancellationToken).ConfigureAwait(false);
    }

    private static string Hash(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
