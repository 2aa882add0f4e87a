using System.Text.Json;
using Perf.Harness.Results;

namespace Perf.Load.Reports;

/// <summary>Reads <c>summary.json</c> back, with the settings <see cref="ResultWriter"/> wrote it with, strictly.</summary>
internal static class SummaryJson
{
    /// <summary>Reads a summary file.</summary>
    /// <exception cref="InvalidDataException">The file is not a run's summary (malformed, or a member missing or null).</exception>
    public static async Task<RunSummary> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return await JsonSerializer.DeserializeAsync<RunSummary>(stream, ResultWriter.StrictJsonOptions, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidDataException($"{path} is empty.");
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path} is not a run's summary: {ex.Message.ReplaceLineEndings(" ")}", ex);
            }
        }
    }
}
