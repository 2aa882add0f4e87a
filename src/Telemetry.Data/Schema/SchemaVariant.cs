namespace Telemetry.Data.Schema;

/// <summary>The physical designs the harness builds side by side over identical rows.</summary>
public enum SchemaVariant
{
    /// <summary>Only the indexes the backend auto-creates at initialization.</summary>
    Basic,

    /// <summary>Basic plus every composite index of the optimization strategy, added by migration.</summary>
    Composite,

    /// <summary>Composite plus monthly <c>RANGE COLUMNS</c> partitions on the time columns.</summary>
    Partitioned,
}
