using System.Text.Json;
using System.Text.Json.Serialization;

namespace Perf.Load.Reports;

/// <summary>Reads and writes <c>summary.json</c>.</summary>
internal static class SummaryJson
{
    /// <summary>camelCase, indented, enums as strings.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Serialises a summary.</summary>
    public static string Serialize(RunSummary summary) => JsonSerializer.Serialize(summary, Options);

    /// <summary>Reads a summary file.</summary>
    public static async Task<RunSummary> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync<RunSummary>(stream, Options, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"{path} is empty.");
        }
    }
}
