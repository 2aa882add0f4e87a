namespace Perf.Seed.Generation;

/// <summary>A run of consecutive trading days loaded in one transaction, with the ids its rows take.</summary>
/// <param name="Index">The chunk number, from 0.</param>
/// <param name="FirstDay">Index of its first trading day.</param>
/// <param name="DayCount">How many trading days it spans.</param>
/// <param name="FirstTradeOffset">Trades in the dataset before this chunk (its first trade id is the dataset's trade id base + this + 1).</param>
/// <param name="TradeRows">Trades in the chunk.</param>
/// <param name="FirstHealthOffset">Health rows in the dataset before this chunk.</param>
/// <param name="HealthRows">Health rows in the chunk.</param>
public sealed record ChunkPlan(int Index, int FirstDay, int DayCount, long FirstTradeOffset, int TradeRows, long FirstHealthOffset, int HealthRows)
{
    /// <summary>All rows of the chunk.</summary>
    public long Rows => TradeRows + (long)HealthRows;
}
