namespace Perf.Analysis.Capacity;

/// <summary>Expected trade rows and bytes per variant on one day of the projection.</summary>
/// <param name="Date">The day.</param>
/// <param name="Rows">Trade rows stored that day.</param>
/// <param name="BytesByVariant">Expected bytes per variant.</param>
public sealed record StoragePoint(DateOnly Date, double Rows, IReadOnlyDictionary<Telemetry.Data.Schema.SchemaVariant, double> BytesByVariant);
