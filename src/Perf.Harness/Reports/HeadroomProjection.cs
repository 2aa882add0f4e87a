using Telemetry.Data.Schema;

namespace Perf.Harness.Reports;

/// <summary>Until when one query on one variant keeps its P99 under the target, by its fitted growth.</summary>
/// <param name="Variant">The schema variant.</param>
/// <param name="Query">The query.</param>
/// <param name="Fit">The chosen P99-vs-rows fit.</param>
/// <param name="RowsAtTarget">The trade rows at which the fit reaches the target, or null when it never does.</param>
/// <param name="DateAtTarget">The day the table reaches <paramref name="RowsAtTarget"/> with the reader's numbers, or null.</param>
/// <param name="P99AtHorizonMs">The fitted P99 at the end of the horizon.</param>
/// <param name="Status">The verdict.</param>
public sealed record HeadroomProjection(
    SchemaVariant Variant,
    string Query,
    GrowthFit Fit,
    double? RowsAtTarget,
    DateOnly? DateAtTarget,
    double P99AtHorizonMs,
    HeadroomStatus Status);
