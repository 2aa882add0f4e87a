using System.Text.Json;
using Perf.Harness.Results;

namespace Perf.Load.Reports;

/// <summary>Reads <c>summary.json</c> back, with the settings <see cref="ResultWriter"/> wrote it with.</summary>
internal static class SummaryJson
{
    /// <summary>Reads a summary file.</summary>
    public static async Task<RunSummary> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync<RunSummary>(stream, ResultWriter.JsonOptions, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"{path} is empty.");
        }
    }
}
