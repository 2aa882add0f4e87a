using System.Text.Json;

namespace Perf.Bench.Plans;

/// <summary>Reads MariaDB's per-statement engine statistics (<c>r_engine_stats</c>, 10.10+) from <c>ANALYZE FORMAT=JSON</c>.</summary>
public static class EngineStats
{
    /// <summary>The sum of <c>pages_accessed</c> over every table access, or null when the plan has none (MySQL, older MariaDB).</summary>
    public static long? PagesAccessed(string analyzeJson)
    {
        ArgumentNullException.ThrowIfNull(analyzeJson);
        if (!analyzeJson.TrimStart().StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(analyzeJson);
            long total = 0;
            var found = false;
            Walk(document.RootElement, ref total, ref found);
            return found ? total : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Walk(JsonElement element, ref long total, ref bool found)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.NameEquals("r_engine_stats") && property.Value.ValueKind == JsonValueKind.Object
                        && property.Value.TryGetProperty("pages_accessed", out var pages) && pages.TryGetInt64(out var count))
                    {
                        total += count;
                        found = true;
                    }
                    else
                    {
                        Walk(property.Value, ref total, ref found);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, ref total, ref found);
                }

                break;
        }
    }
}
