using System.Text.Json;

namespace Perf.Bench.Plans;

/// <summary>Reads <c>EXPLAIN FORMAT=JSON</c> (MySQL 8 and MariaDB) and MariaDB's <c>ANALYZE FORMAT=JSON</c> into a <see cref="ParsedPlan"/>.</summary>
/// <remarks>
/// The two servers nest differently (MariaDB wraps tables in <c>filesort</c>/<c>temporary_table</c> objects, MySQL in
/// <c>ordering_operation</c>/<c>grouping_operation</c> with <c>using_filesort</c> flags), so the parser walks the whole
/// tree and treats every object under a <c>table</c> key that names a <c>table_name</c> as one access.
/// </remarks>
public static class JsonPlanParser
{
    /// <summary>Parses one plan document.</summary>
    /// <exception cref="FormatException">The text is not a JSON plan.</exception>
    public static ParsedPlan Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new FormatException("The plan is not JSON: " + ex.Message, ex);
        }

        using (document)
        {
            if (!document.RootElement.TryGetProperty("query_block", out var queryBlock))
            {
                throw new FormatException("The plan has no query_block.");
            }

            var walker = new Walker();
            walker.Visit(document.RootElement);
            var totalTime = queryBlock.TryGetProperty("r_total_time_ms", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetDouble() : (double?)null;
            return new ParsedPlan(walker.Tables, walker.Filesort, walker.Temporary, RowsReturned: null, totalTime);
        }
    }

    private sealed class Walker
    {
        public List<TableAccess> Tables { get; } = [];

        public bool Filesort { get; private set; }

        public bool Temporary { get; private set; }

        public void Visit(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        VisitProperty(property);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Visit(item);
                    }

                    break;
                default:
                    break;
            }
        }

        private void VisitProperty(JsonProperty property)
        {
            switch (property.Name)
            {
                // MariaDB: a filesort or temporary table is an object wrapping what feeds it.
                case "filesort" when property.Value.ValueKind == JsonValueKind.Object:
                    Filesort = true;
                    break;
                case "temporary_table" when property.Value.ValueKind == JsonValueKind.Object:
                    Temporary = true;
                    break;

                // MySQL: flags on ordering_operation / grouping_operation / duplicates_removal.
                case "using_filesort" when property.Value.ValueKind == JsonValueKind.True:
                    Filesort = true;
                    break;
                case "using_temporary_table" when property.Value.ValueKind == JsonValueKind.True:
                    Temporary = true;
                    break;
                case "table" when property.Value.ValueKind == JsonValueKind.Object && property.Value.TryGetProperty("table_name", out _):
                    Tables.Add(ReadTable(property.Value));
                    break;
                default:
                    break;
            }

            Visit(property.Value);
        }

        private static TableAccess ReadTable(JsonElement table)
        {
            var estimated = Number(table, "rows") ?? Number(table, "rows_examined_per_scan");
            double? actual = null;
            if (table.TryGetProperty("r_loops", out var loopsElement) && loopsElement.ValueKind == JsonValueKind.Number)
            {
                // MariaDB reports r_rows per loop (null when the access never ran).
                var loops = loopsElement.GetDouble();
                actual = loops == 0 ? 0 : (Number(table, "r_rows") ?? 0) * loops;
            }

            return new TableAccess(
                table.GetProperty("table_name").GetString() ?? string.Empty,
                String(table, "access_type") ?? "unknown",
                String(table, "key"),
                Strings(table, "used_key_parts"),
                Strings(table, "partitions"),
                estimated,
                actual,
                table.TryGetProperty("using_index", out var covering) && covering.ValueKind == JsonValueKind.True);
        }

        private static string? String(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        private static IReadOnlyList<string> Strings(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
                ? [.. value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
                : [];

        // MySQL prints some numbers as strings ("filtered": "100.00"); accept both.
        private static double? Number(JsonElement element, string name)
        {
            if (!element.TryGetProperty(name, out var value))
            {
                return null;
            }

            return value.ValueKind switch
            {
                JsonValueKind.Number => value.GetDouble(),
                JsonValueKind.String when double.TryParse(value.GetString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
                _ => null,
            };
        }
    }
}
