namespace Perf.Seed;

/// <summary>The steps of a seeding run, in order.</summary>
public enum SeedPhase
{
    /// <summary>Reading what the databases hold and deciding what to do.</summary>
    Preparing,

    /// <summary>Generating and bulk-loading rows.</summary>
    Loading,

    /// <summary>Building secondary indexes.</summary>
    Indexing,

    /// <summary>Computing the metric windows from the trades and health rows.</summary>
    RollingUp,

    /// <summary>Copying the rows into another variant database.</summary>
    Copying,

    /// <summary>Checking a sample of the metrics against SQL's aggregation of the raw rows.</summary>
    Checking,

    /// <summary>All done.</summary>
    Done,
}
