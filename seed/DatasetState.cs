namespace Perf.Seed;

/// <summary>Where a dataset's load into one variant database stands, as recorded in <c>perf_dataset.state</c>.</summary>
public enum DatasetState
{
    /// <summary>Chunks are being loaded from the generator; done chunks are listed in <c>perf_dataset_chunk</c>.</summary>
    Loading,

    /// <summary>All chunks are in; counts are being verified, indexes built and metrics rolled up.</summary>
    Finishing,

    /// <summary>Rows are being copied from another variant database.</summary>
    Copying,

    /// <summary>Every row is in, verified, indexed and rolled up.</summary>
    Complete,
}
