using Telemetry.Data.Schema;

namespace Perf.Bench.Archive;

/// <summary>One variant's archival of the trades past retention.</summary>
/// <param name="Variant">Composite (row path) or Partitioned (partition path).</param>
/// <param name="RowsArchived">Trades moved to the archive table.</param>
/// <param name="WholeMonths">Months moved whole by EXCHANGE PARTITION.</param>
/// <param name="RowPathRows">Trades moved in chunks (every row on Composite, the partial month on Partitioned).</param>
/// <param name="Seconds">Wall time of the trades' archival.</param>
/// <param name="ApiP99IdleMs">The API's P99 over the idle window, when an API was watched and served requests.</param>
/// <param name="ApiP99DuringMs">The API's P99 during the archival, likewise.</param>
internal sealed record ArchiveRun(SchemaVariant Variant, long RowsArchived, int WholeMonths, long RowPathRows, double Seconds, double? ApiP99IdleMs, double? ApiP99DuringMs)
{
    /// <summary>Rows archived per second.</summary>
    public double RowsPerSecond => RowsArchived / Math.Max(Seconds, 1e-6);
}
