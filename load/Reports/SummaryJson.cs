using Perf.Harness.Results;

namespace Perf.Load.Reports;

/// <summary>Reads <c>summary.json</c> back, with the settings <see cref="ResultWriter"/> wrote it with, strictly.</summary>
internal static class SummaryJson
{
    /// <summary>Reads a summary file.</summary>
    /// <exception cref="InvalidDataException">The file is not a run's summary (malformed, or a member missing or null).</exception>
    public static Task<RunSummary> ReadAsync(string path, CancellationToken cancellationToken) =>
        ResultJson.ReadAsync<RunSummary>(path, "a run's summary", "is empty.", strict: true, cancellationToken);
}
