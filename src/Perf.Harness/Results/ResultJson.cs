using System.Text.Json;

namespace Perf.Harness.Results;

/// <summary>Reads back a JSON file the tools wrote (<see cref="ResultWriter.JsonOptions"/>) from a path a user gives: a file that is not one fails as one line naming it.</summary>
public static class ResultJson
{
    /// <summary>
    /// <see cref="ResultWriter.JsonOptions"/>, strictly: a member the type cannot do without, missing or null, fails the
    /// read instead of what reads it. Members only: System.Text.Json does not check a list's elements, so a null inside a
    /// list is the reader's to refuse.
    /// </summary>
    private static readonly JsonSerializerOptions StrictOptions = new(ResultWriter.JsonOptions)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Reads <paramref name="path"/> as <typeparamref name="T"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="what">What the file should be, for the message: "a plan baseline".</param>
    /// <param name="ifNull">The message's end when the file holds JSON <c>null</c>: "holds no baseline.".</param>
    /// <param name="strict">Whether a member missing or null fails the read (see <see cref="StrictOptions"/>); not for files older code wrote with fewer members.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="InvalidDataException">The file is not JSON of <typeparamref name="T"/>, or holds null: "<paramref name="path"/> is not <paramref name="what"/>: …".</exception>
    public static async Task<T> ReadAsync<T>(string path, string what, string ifNull, bool strict, CancellationToken cancellationToken)
        where T : class
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return await JsonSerializer.DeserializeAsync<T>(stream, strict ? StrictOptions : ResultWriter.JsonOptions, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidDataException($"{path} {ifNull}");
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path} is not {what}: {ex.Message.ReplaceLineEndings(" ")}", ex);
            }
        }
    }
}
