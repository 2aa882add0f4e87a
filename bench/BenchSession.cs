using Perf.Bench.Queries;
using Telemetry.Data.Schema;

namespace Perf.Bench;

/// <summary>A prepared bench run: the dataset, the read-only connection string of each variant, and the dataset's query parameters.</summary>
/// <param name="Dataset">The variant databases and what they hold.</param>
/// <param name="ConnectionStrings">Each variant's database, opened as the read-only account.</param>
/// <param name="Context">The profiles, symbols and cursors the queries ask about.</param>
internal sealed record BenchSession(PreparedDataset Dataset, IReadOnlyDictionary<SchemaVariant, string> ConnectionStrings, QueryContext Context);
