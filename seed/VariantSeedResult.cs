using Telemetry.Data.Schema;

namespace Perf.Seed;

/// <summary>The outcome for one variant database.</summary>
public sealed record VariantSeedResult(SchemaVariant Variant, string Database, VariantAction Action, double Seconds);
