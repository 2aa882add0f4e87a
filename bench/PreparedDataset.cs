using Perf.Harness.Results;
using Telemetry.Data.Schema;

namespace Perf.Bench;

/// <summary>The variant databases a run measures and what they hold.</summary>
/// <param name="Databases">The database of each variant.</param>
/// <param name="Info">Seed, scale, row counts and checksum, for the manifest.</param>
public sealed record PreparedDataset(IReadOnlyDictionary<SchemaVariant, string> Databases, DatasetInfo Info);
