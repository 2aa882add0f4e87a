using System.Globalization;
using System.IO.Hashing;
using Telemetry.Data.Model;

namespace Perf.Seed.Generation;

/// <summary>Generates the rows of any chunk on its own: each trading day draws from a seed derived from the master seed and the day.</summary>
/// <remarks>Thread-safe: chunks may be generated in parallel and in any order, and always come out the same.</remarks>
internal sealed class ChunkGenerator(DatasetPlan plan, long tradeIdBase, long healthIdBase)
{
    private const long TicksPerMicrosecond = 10;

    /// <summary>Generates chunk <paramref name="chunk"/>: its trades, its health rows, or both.</summary>
    public GeneratedChunk Generate(ChunkPlan chunk, ChunkParts parts = ChunkParts.All)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        var withTrades = parts.HasFlag(ChunkParts.Trades);
        var withHealth = parts.HasFlag(ChunkParts.Health);
        var trades = withTrades ? new Trade[chunk.TradeRows] : [];
        var health = withHealth ? new HealthSample[chunk.HealthRows] : [];
        var tradeDigests = withTrades ? new byte[chunk.DayCount * RowDigest.Size] : null;
        var healthDigests = withHealth ? new byte[chunk.DayCount * RowDigest.Size] : null;
        var tradeAt = 0;
        var healthAt = 0;
        var hash = new XxHash128();
        for (var i = 0; i < chunk.DayCount; i++)
        {
            var day = chunk.FirstDay + i;
            var tradeCount = (int)plan.TradesPerDay[day];
            var healthCount = (int)plan.HealthPerDay[day];
            if (withTrades)
            {
                var dayTrades = trades.AsSpan(tradeAt, tradeCount);
                GenerateTrades(day, dayTrades, tradeIdBase + chunk.FirstTradeOffset + tradeAt + 1);
                hash.Reset();
                foreach (var trade in dayTrades)
                {
                    RowDigest.Append(hash, trade);
                }

                hash.GetCurrentHash(tradeDigests.AsSpan(i * RowDigest.Size, RowDigest.Size));
            }

            if (withHealth)
            {
                var daySamples = health.AsSpan(healthAt, healthCount);
                GenerateHealth(day, daySamples, healthIdBase + chunk.FirstHealthOffset + healthAt + 1);
                hash.Reset();
                foreach (var sample in daySamples)
                {
                    RowDigest.Append(hash, sample);
                }

                hash.GetCurrentHash(healthDigests.AsSpan(i * RowDigest.Size, RowDigest.Size));
            }

            tradeAt += tradeCount;
            healthAt += healthCount;
        }

        return new GeneratedChunk(chunk, trades, health, tradeDigests, healthDigests);
    }

    private void GenerateTrades(int day, Span<Trade> trades, long firstId)
    {
        if (trades.Length == 0)
        {
            return;
        }

        var universe = plan.Universe;
        var random = SeedDerivation.Create(plan.Spec.Seed, "trades", day);
        var date = universe.Days[day];
        var open = MarketCalendar.OpenUtc(date);
        var close = MarketCalendar.CloseUtc(date);
        var lastEntry = close.AddMinutes(-5);
        var spanMicros = (lastEntry - open).Ticks / TicksPerMicrosecond;
        const long HourMicros = 3_600_000_000;

        // Entry times first, sorted, so ids follow time as an auto-increment would; equal offsets are interchangeable,
        // so the order never depends on the sort algorithm. Activity is U-shaped: busy open, busy close.
        var offsets = new long[trades.Length];
        for (var i = 0; i < offsets.Length; i++)
        {
            var pick = random.NextDouble();
            var u = random.NextDouble();
            offsets[i] = pick < 0.30 ? (long)(u * HourMicros)
                : pick < 0.45 ? spanMicros - (long)(u * HourMicros)
                : (long)(u * spanMicros);
        }

        Array.Sort(offsets);

        var profileWeights = new double[universe.Profiles.Length];
        for (var p = 0; p < profileWeights.Length; p++)
        {
            profileWeights[p] = universe.Profiles[p].StartDay <= day ? universe.Profiles[p].Weight : 0.0;
        }

        var profileCumulative = RandomExtensions.Cumulative(profileWeights);
        var reasons = TradeVocabulary.ExitReasons;
        var closeMicros = (close - open).Ticks / TicksPerMicrosecond;

        for (var i = 0; i < trades.Length; i++)
        {
            var profile = universe.Profiles[random.NextWeighted(profileCumulative)];
            var w = random.NextDouble();
            var symbol = universe.Symbols[profile.Watchlist[(int)(w * w * profile.Watchlist.Length)]];
            var style = TradeStyle.All[random.NextWeighted(profile.TradeTypeCumulative)];
            var isLong = random.NextDouble() < style.LongShare;
            var reason = reasons[random.NextWeighted(style.ExitReasonCumulative)];

            var entryMicros = offsets[i];
            var h = random.NextDouble();
            var holdMicros = (long)((style.HoldMinMinutes + ((style.HoldMaxMinutes - style.HoldMinMinutes) * h * h)) * 60_000_000);
            var latestExit = closeMicros - 60_000_000;
            long exitMicros;
            if (reason == "time_exit")
            {
                exitMicros = entryMicros + (style.HoldMaxMinutes * 60_000_000L);
                if (exitMicros > latestExit)
                {
                    reason = "end_of_day";
                }
            }
            else
            {
                exitMicros = Math.Min(entryMicros + holdMicros, latestExit - (long)(random.NextDouble() * 60_000_000));
            }

            if (reason == "end_of_day")
            {
                exitMicros = closeMicros - (long)(random.NextDouble() * 90_000_000) - 1;
            }

            // Entries end five minutes before the close and exits start one second after entry at the earliest.
            exitMicros = Math.Max(exitMicros, entryMicros + 1_000_000);

            var reference = symbol.DayPrices[day] * (1.0 + (symbol.Volatility * 0.3 * random.NextGaussian()));
            var entryPrice = Math.Max(1.00m, Math.Round((decimal)reference, 2));
            var movePercent = reason switch
            {
                "take_profit" => random.NextDouble(style.TargetPercent.Min, style.TargetPercent.Max),
                "stop_loss" => -random.NextDouble(style.StopPercent.Min, style.StopPercent.Max) * random.NextDouble(1.0, 1.15),
                "trailing_stop" => random.NextDouble(0.2, style.TargetPercent.Max * 0.8),
                _ => Math.Clamp(0.05 + (0.8 * random.NextGaussian()), -style.StopPercent.Max, style.TargetPercent.Max),
            };
            var sign = isLong ? 1m : -1m;
            var exitPrice = Math.Max(0.01m, Math.Round(entryPrice * (1m + (sign * (decimal)movePercent / 100m)), 2));
            var gain = (exitPrice - entryPrice) * sign;
            if (TradeStyle.WinningExits.Contains(reason) && gain <= 0)
            {
                exitPrice = entryPrice + (sign * 0.01m);
            }
            else if (TradeStyle.LosingExits.Contains(reason) && gain >= 0)
            {
                exitPrice = entryPrice - (sign * 0.01m);
            }

            gain = (exitPrice - entryPrice) * sign;
            var size = profile.Notional * random.NextDouble(0.5, 1.5);
            var quantity = Math.Max(1m, Math.Floor((decimal)size / entryPrice));

            trades[i] = new Trade(
                Id: firstId + i,
                ProfileId: profile.ProfileId,
                Symbol: symbol.Ticker,
                TradeType: style.TradeType,
                Side: isLong ? "long" : "short",
                EntryTime: open.AddTicks(entryMicros * TicksPerMicrosecond),
                ExitTime: open.AddTicks(exitMicros * TicksPerMicrosecond),
                EntryPrice: entryPrice,
                ExitPrice: exitPrice,
                Quantity: quantity,
                Pnl: gain * quantity,
                PnlPercent: Math.Round(gain / entryPrice * 100m, 6, MidpointRounding.AwayFromZero),
                ExitReason: reason);
        }
    }

    private void GenerateHealth(int day, Span<HealthSample> samples, long firstId)
    {
        if (samples.Length == 0)
        {
            return;
        }

        var universe = plan.Universe;
        var random = SeedDerivation.Create(plan.Spec.Seed, "health", day);
        var date = universe.Days[day];
        var start = MarketCalendar.OpenUtc(date).AddMinutes(-DatasetPlan.HealthMarginMinutes);
        var open = MarketCalendar.OpenUtc(date);
        var dayFraction = (double)day / universe.Days.Count;
        var at = 0;
        for (var slot = 0; slot < plan.HealthSamplesPerDay; slot++)
        {
            var slotTime = start.AddMinutes(slot * plan.Spec.HealthIntervalMinutes);
            var busy = slotTime >= open && slotTime < open.AddHours(1) ? 1.25 : 1.0;
            foreach (var profile in universe.Profiles)
            {
                if (profile.StartDay > day)
                {
                    continue;
                }

                foreach (var script in profile.Scripts)
                {
                    var roll = random.NextDouble();
                    var status = roll < 0.005 ? "error" : roll < 0.035 ? "degraded" : "ok";
                    var strain = status switch { "error" => 2.5, "degraded" => 1.8, _ => 1.0 };
                    var jitterMicros = (long)(random.NextDouble() * 2_000_000);
                    var cpu = Math.Min(100.0, Math.Round(script.CpuPercent * busy * strain * random.NextDouble(0.8, 1.2), 2));
                    var memory = Math.Round(script.MemoryMb * (1.0 + (0.1 * dayFraction) + (0.03 * random.NextGaussian())), 1);
                    var latency = Math.Round(script.LatencyMs * random.NextDouble(0.7, 1.3) * (status == "ok" ? 1.0 : strain * 3.0), 2);
                    var errors = status switch { "error" => 1 + random.Next(5), "degraded" => random.Next(2), _ => 0 };
                    string? message = null;
                    if (status != "ok")
                    {
                        var templates = status == "error" ? profile.Messages.Error : profile.Messages.Degraded;
                        var ticker = universe.Symbols[profile.Watchlist[random.Next(profile.Watchlist.Length)]].Ticker;
                        message = string.Format(CultureInfo.InvariantCulture, templates[random.Next(templates.Length)], ticker);
                    }

                    samples[at] = new HealthSample(firstId + at, profile.ProfileId, script.Name, slotTime.AddTicks(jitterMicros * TicksPerMicrosecond),
                        status, cpu, memory, latency, errors, message);
                    at++;
                }
            }
        }
    }
}
