using Telemetry.Data.Schema;

namespace Perf.Seed;

/// <summary>A variant database's status and, when it has one, its record of the requested dataset.</summary>
internal sealed record VariantAssessment(SchemaVariant Variant, string Database, VariantStatus Status, DatasetRecord? Record);
