namespace Telemetry.Data.Lifecycle;

/// <summary>How retention paces its work.</summary>
public sealed record RetentionOptions
{
    /// <summary>Rows moved per transaction on the row path (1 to 100,000; default 5,000).</summary>
    public int ChunkSize
    {
        get;
        init => field = value is >= 1 and <= 100_000
            ? value
            : throw new ArgumentOutOfRangeException(nameof(ChunkSize), value, "The chunk size must be between 1 and 100000 rows.");
    } = 5_000;

    /// <summary>Pause after every chunk and every partition step, so live queries keep their share of the server.</summary>
    public TimeSpan Pause
    {
        get;
        init => field = value >= TimeSpan.Zero && value <= TimeSpan.FromMinutes(1)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Pause), value, "The pause must be between 0 and 60 seconds.");
    } = TimeSpan.FromMilliseconds(20);

    /// <summary>Report what would move or be deleted without changing anything.</summary>
    public bool DryRun { get; init; }
}
