using Telemetry.Data.Model;

namespace Perf.Seed.Generation;

/// <summary>The rows of one chunk, ready to load, with a digest per trading day.</summary>
/// <param name="Plan">The chunk.</param>
/// <param name="Trades">Its trades in id order.</param>
/// <param name="Health">Its health rows in id order.</param>
/// <param name="DayDigests">16 bytes per trading day: the digest of that day's rows.</param>
internal sealed record GeneratedChunk(ChunkPlan Plan, Trade[] Trades, HealthSample[] Health, byte[] DayDigests);
