using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Telemetry.Data.Model;

namespace Perf.Seed.Generation;

/// <summary>Hashes rows in a canonical binary form, so rows generated in memory and rows read back from the server hash alike.</summary>
/// <remarks>
/// Decimals are hashed as integer millionths (the columns hold six places) and times as ticks, so a value's scale or
/// the driver's representation never changes the digest.
/// </remarks>
public static class RowDigest
{
    /// <summary>Bytes in one digest.</summary>
    public const int Size = 16;

    /// <summary>Adds one trade to <paramref name="hash"/>.</summary>
    public static void Append(XxHash128 hash, Trade trade)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(trade);
        Span<byte> buffer = stackalloc byte[256];
        var at = 0;
        WriteInt64(buffer, ref at, trade.Id);
        WriteInt64(buffer, ref at, trade.ProfileId);
        WriteString(buffer, ref at, trade.Symbol);
        WriteString(buffer, ref at, trade.TradeType);
        WriteString(buffer, ref at, trade.Side);
        WriteInt64(buffer, ref at, trade.EntryTime.Ticks);
        WriteInt64(buffer, ref at, trade.ExitTime.Ticks);
        WriteInt64(buffer, ref at, Millionths(trade.EntryPrice));
        WriteInt64(buffer, ref at, Millionths(trade.ExitPrice));
        WriteInt64(buffer, ref at, Millionths(trade.Quantity));
        WriteInt64(buffer, ref at, Millionths(trade.Pnl));
        WriteInt64(buffer, ref at, Millionths(trade.PnlPercent));
        WriteString(buffer, ref at, trade.ExitReason);
        hash.Append(buffer[..at]);
    }

    /// <summary>Adds one health sample to <paramref name="hash"/>.</summary>
    public static void Append(XxHash128 hash, HealthSample sample)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(sample);
        Span<byte> buffer = stackalloc byte[512];
        var at = 0;
        WriteInt64(buffer, ref at, sample.Id);
        WriteInt64(buffer, ref at, sample.ProfileId);
        WriteString(buffer, ref at, sample.ScriptName);
        WriteInt64(buffer, ref at, sample.Timestamp.Ticks);
        WriteString(buffer, ref at, sample.Status);
        WriteInt64(buffer, ref at, BitConverter.DoubleToInt64Bits(sample.CpuPercent));
        WriteInt64(buffer, ref at, BitConverter.DoubleToInt64Bits(sample.MemoryMb));
        WriteInt64(buffer, ref at, BitConverter.DoubleToInt64Bits(sample.LatencyMs));
        WriteInt64(buffer, ref at, sample.ErrorCount);
        WriteString(buffer, ref at, sample.Message);
        hash.Append(buffer[..at]);
    }

    /// <summary>Per-day digests of trades and health combined: day i's digest is the hash of its trade digest and its health digest.</summary>
    public static byte[] CombineDays(ReadOnlySpan<byte> tradeDigests, ReadOnlySpan<byte> healthDigests)
    {
        if (tradeDigests.Length != healthDigests.Length || tradeDigests.Length % Size != 0)
        {
            throw new ArgumentException("Both digest lists must cover the same days.", nameof(healthDigests));
        }

        var days = tradeDigests.Length / Size;
        var combined = new byte[tradeDigests.Length];
        Span<byte> pair = stackalloc byte[2 * Size];
        for (var i = 0; i < days; i++)
        {
            tradeDigests.Slice(i * Size, Size).CopyTo(pair);
            healthDigests.Slice(i * Size, Size).CopyTo(pair[Size..]);
            XxHash128.Hash(pair, combined.AsSpan(i * Size, Size));
        }

        return combined;
    }

    /// <summary>The dataset checksum: a hash over the per-day digests in day order, as hex.</summary>
    public static string Combine(ReadOnlySpan<byte> dayDigests) => Convert.ToHexStringLower(XxHash128.Hash(dayDigests));

    private static long Millionths(decimal value) => decimal.ToInt64(decimal.Round(value * 1_000_000m, 0, MidpointRounding.AwayFromZero));

    private static void WriteInt64(Span<byte> buffer, ref int at, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(buffer[at..], value);
        at += 8;
    }

    private static void WriteString(Span<byte> buffer, ref int at, string? value)
    {
        if (value is null)
        {
            BinaryPrimitives.WriteInt32LittleEndian(buffer[at..], -1);
            at += 4;
            return;
        }

        var length = Encoding.UTF8.GetBytes(value, buffer[(at + 4)..]);
        BinaryPrimitives.WriteInt32LittleEndian(buffer[at..], length);
        at += 4 + length;
    }
}
