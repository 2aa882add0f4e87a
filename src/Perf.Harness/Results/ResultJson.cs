using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Perf.Harness.Results;

/// <summary>Reads back a JSON file the tools wrote (<see cref="ResultWriter.JsonOptions"/>) from a path a user gives: a file that is not one fails as one line naming it.</summary>
public static class ResultJson
{
    /// <summary>
    /// <see cref="ResultWriter.JsonOptions"/>, strictly: a member the type cannot do without, missing or null, fails the
    /// read instead of what reads it, and an enum is read by name only (the writers write names; a number would read as a
    /// value no name has). System.Text.Json does not check a list's elements: <see cref="NullItem"/> does.
    /// </summary>
    private static readonly JsonSerializerOptions StrictOptions = Strict();

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
                if (!strict)
                {
                    return await JsonSerializer.DeserializeAsync<T>(stream, ResultWriter.JsonOptions, cancellationToken).ConfigureAwait(false)
                        ?? throw new InvalidDataException($"{path} {ifNull}");
                }

                using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
                return NullItem(document.RootElement, "$") is { } item
                    ? throw new InvalidDataException($"{path} is not {what}: the list item at {item} is null.")
                    : document.Deserialize<T>(StrictOptions) ?? throw new InvalidDataException($"{path} {ifNull}");
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path} is not {what}: {ex.Message.ReplaceLineEndings(" ")}", ex);
            }
        }
    }

    /// <summary>The path (as System.Text.Json writes paths: <c>$.measurements[3]</c>) of the first null list item in <paramref name="element"/>, or null.</summary>
    private static string? NullItem(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                var itemPath = string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]");
                if ((item.ValueKind == JsonValueKind.Null ? itemPath : NullItem(item, itemPath)) is { } found)
                {
                    return found;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (NullItem(property.Value, $"{path}.{property.Name}") is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }

    private static JsonSerializerOptions Strict()
    {
        var options = new JsonSerializerOptions(ResultWriter.JsonOptions)
        {
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        options.Converters.Remove(options.Converters.OfType<JsonStringEnumConverter>().Single());
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        return options;
    }
}
