namespace Perf.Seed;

/// <summary>What seeding did to one variant database.</summary>
public enum VariantAction
{
    /// <summary>It already held the dataset; nothing was written.</summary>
    Skipped,

    /// <summary>Generated and bulk-loaded.</summary>
    Loaded,

    /// <summary>An interrupted load was resumed.</summary>
    Resumed,

    /// <summary>Copied from another variant database, row by row.</summary>
    Copied,

    /// <summary>Copied from another variant database as its table files (transportable tablespaces), then given its own extra indexes.</summary>
    Imported,
}
