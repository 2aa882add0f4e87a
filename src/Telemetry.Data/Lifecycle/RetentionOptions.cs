namespace Telemetry.Data.Lifecycle;

/// <summary>How retention paces its work.</summary>
public sealed record RetentionOptions
{
    /// <summary>The fewest rows a chunk moves.</summary>
    public const int MinChunkSize = 1;

    /// <summary>The most rows a chunk moves.</summary>
    public const int MaxChunkSize = 100_000;

    /// <summary>Rows moved per transaction on the row path (<see cref="MinChunkSize"/> to <see cref="MaxChunkSize"/>; default 5,000).</summary>
    public int ChunkSize
    {
        get;
        init => field = value is >= MinChunkSize and <= MaxChunkSize
            ? value
            : throw new ArgumentOutOfRangeException(nameof(ChunkSize), value, "The chunk size must be between 1 and 100000 rows.");
    } = 5_000;

    /// <summary>The longest pause after a chunk.</summary>
    public static TimeSpan MaxPause { get; } = TimeSpan.FromMinutes(1);

    /// <summary>Pause after every chunk and every partition step, so live queries keep their share of the server.</summary>
    public TimeSpan Pause
    {
        get;
        init => field = value >= TimeSpan.Zero && value <= MaxPause
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Pause), value, "The pause must be between 0 and 60 seconds.");
    } = TimeSpan.FromMilliseconds(20);

    /// <summary>Report what would move or be deleted without changing anything.</summary>
    public bool DryRun { get; init; }
}
