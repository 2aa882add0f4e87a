namespace Telemetry.Data.Lifecycle;

/// <summary>One partition of a RANGE COLUMNS table, as named by <see cref="Schema.PartitionPlan"/>.</summary>
/// <param name="Name">The partition name, regenerated from <see cref="Schema.PartitionPlan"/> (never taken raw from the server).</param>
/// <param name="Month">The month of a <c>pYYYY_MM</c> partition; null for <c>p_before</c> and <c>p_future</c>.</param>
/// <param name="LowerBound">The first instant it can hold (the previous partition's bound), or null for the first partition.</param>
/// <param name="UpperBound">The first instant it cannot hold, or null for the MAXVALUE catch-all.</param>
/// <param name="EstimatedRows">The server's row estimate (exact counts come from <c>COUNT(*)</c>).</param>
public sealed record TablePartition(string Name, DateOnly? Month, DateTime? LowerBound, DateTime? UpperBound, long EstimatedRows)
{
    /// <summary>Whether this is the MAXVALUE catch-all.</summary>
    public bool IsCatchAll => UpperBound is null;

    /// <summary>Whether every row it can hold is older than <paramref name="cutoff"/>.</summary>
    public bool IsEntirelyBefore(DateTime cutoff) => UpperBound is { } upper && upper <= cutoff;

    /// <summary>Whether [<paramref name="min"/>, <paramref name="max"/>] lies inside its range.</summary>
    public bool Holds(DateTime min, DateTime max) => (LowerBound is null || min >= LowerBound) && (UpperBound is null || max < UpperBound);
}
