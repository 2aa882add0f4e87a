using Telemetry.Data.Model;

namespace Perf.Seed.Generation;

/// <summary>The rows of one chunk, ready to load, with digests per trading day.</summary>
/// <param name="Plan">The chunk.</param>
/// <param name="Trades">Its trades in id order (empty when not generated).</param>
/// <param name="Health">Its health rows in id order (empty when not generated).</param>
/// <param name="TradeDigests">16 bytes per trading day over that day's trades, or null when not generated.</param>
/// <param name="HealthDigests">16 bytes per trading day over that day's health rows, or null when not generated.</param>
internal sealed record GeneratedChunk(ChunkPlan Plan, Trade[] Trades, HealthSample[] Health, byte[]? TradeDigests, byte[]? HealthDigests)
{
    /// <summary>16 bytes per trading day: the digest of that day's trades and health rows.</summary>
    public byte[] DayDigests => RowDigest.CombineDays(TradeDigests ?? throw new InvalidOperationException("Trades were not generated."),
        HealthDigests ?? throw new InvalidOperationException("Health rows were not generated."));
}
