using System.Text;
using Perf.Harness.Reports;
using Perf.Harness.Results;

namespace Perf.Bench.Suite;

/// <summary>Puts the run's provenance into BenchmarkDotNet's own reports, which know nothing of it.</summary>
public static class BenchmarkArtifacts
{
    /// <summary>The folder under the run directory that BenchmarkDotNet writes to.</summary>
    public const string FolderName = "benchmarkdotnet";

    /// <summary>Prefixes every GitHub-Markdown report with the provenance block; JSON and CSV keep BenchmarkDotNet's format, with <c>manifest.json</c> two folders up.</summary>
    public static async Task StampAsync(ResultWriter writer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var results = Path.Combine(writer.Directory, FolderName, "results");
        if (!Directory.Exists(results))
        {
            return;
        }

        var provenance = ProvenanceBlock.Markdown(writer.Manifest);
        foreach (var path in Directory.EnumerateFiles(results, "*-report-github.md"))
        {
            var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(path, provenance + "\n" + text, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
        }
    }
}
