namespace Telemetry.Data.Lifecycle;

/// <summary>How a table grew since the previous size snapshot.</summary>
/// <param name="Table">The table.</param>
/// <param name="Rows">Estimated rows now.</param>
/// <param name="Bytes">Data plus index bytes now.</param>
/// <param name="PreviousBytes">Bytes at the newest snapshot at least <see cref="MinInterval"/> old, or null when there is none.</param>
/// <param name="Since">Time since that snapshot, or null.</param>
public sealed record TableGrowth(string Table, long Rows, long Bytes, long? PreviousBytes, TimeSpan? Since)
{
    /// <summary>The shortest interval growth is measured over; newer snapshots are skipped.</summary>
    public static TimeSpan MinInterval { get; } = TimeSpan.FromHours(1);

    /// <summary>Growth per day as a fraction of the previous size (0.1 = 10 % a day), or null when unknown.</summary>
    public double? DailyGrowth => PreviousBytes is > 0 && Since is { } since && since >= MinInterval
        ? (Bytes - PreviousBytes.Value) / (double)PreviousBytes.Value / since.TotalDays
        : null;
}
