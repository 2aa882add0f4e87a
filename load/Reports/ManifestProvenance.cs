using Perf.Harness.Results;

namespace Perf.Load.Reports;

/// <summary>Condenses the harness's run manifest into the provenance line every load summary carries.</summary>
internal static class ManifestProvenance
{
    public static RunProvenance From(RunManifest manifest, string? dataset)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var machine = manifest.Machine;
        return new RunProvenance(
            manifest.Git is { } git ? git.Commit + (git.Dirty == true ? " (dirty)" : string.Empty) : null,
            machine.HostName,
            machine.OsDescription,
            machine.ProcessorCount,
            machine.RuntimeVersion,
            manifest.Server is { } server ? $"{server.Flavor} {server.Version} ({server.Source})" : null,
            dataset);
    }
}
