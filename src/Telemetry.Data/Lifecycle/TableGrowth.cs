namespace Telemetry.Data.Lifecycle;

/// <summary>How a table grew since the previous size snapshot.</summary>
/// <param name="Table">The table.</param>
/// <param name="Rows">Estimated rows now.</param>
/// <param name="Bytes">Data plus index bytes now.</param>
/// <param name="PreviousBytes">Bytes at the previous snapshot, or null on the first one.</param>
/// <param name="Since">Time since the previous snapshot, or null.</param>
public sealed record TableGrowth(string Table, long Rows, long Bytes, long? PreviousBytes, TimeSpan? Since)
{
    /// <summary>Growth per day as a fraction of the previous size (0.1 = 10 % a day), or null when unknown.</summary>
    public double? DailyGrowth => PreviousBytes is > 0 && Since is { TotalHours: >= 1 } since
        ? (Bytes - PreviousBytes.Value) / (double)PreviousBytes.Value / since.TotalDays
        : null;
}
