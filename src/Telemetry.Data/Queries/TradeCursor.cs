using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Telemetry.Data.Queries;

/// <summary>A keyset position in a newest-first trade list: the entry time and id of the last row returned, and the query it belongs to.</summary>
/// <remarks>
/// It carries the date range its first page resolved, so later pages keep that range when "now" has moved on (a default
/// range recomputed per page would start later and silently drop the oldest rows), and a fingerprint of the profile,
/// filters and range, so it is refused on another query instead of continuing in the middle of it. Encoded as an opaque
/// base64url token, so clients pass it back rather than depend on its layout. The fingerprint is a plain hash, not a
/// signature: it catches a cursor passed with the wrong query, but whoever reads the layout can build a token that passes.
/// So <see cref="Decode"/> holds every field to what the parameters it stands in for may say (instants in the years
/// <c>start_time</c> and <c>end_time</c> take), and a cursor built by hand reaches nothing those parameters could not.
/// </remarks>
public sealed record TradeCursor
{
    private const byte Version = 2;
    private const int Length = 1 + (5 * 8);

    private static readonly long EarliestTicks = new DateTime(QueryRules.EarliestYear, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
    private static readonly long AfterLatestTicks = new DateTime(QueryRules.LatestYear + 1, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private readonly long _fingerprint;

    private TradeCursor(DateRange range, long fingerprint, DateTime entryTime, long id)
    {
        Range = range;
        _fingerprint = fingerprint;
        EntryTime = entryTime;
        Id = id;
    }

    /// <summary>The length of a token.</summary>
    public static int TokenLength { get; } = Base64Url.GetEncodedLength(Length);

    /// <summary>The resolved date range of the query the cursor was issued for.</summary>
    public DateRange Range { get; }

    /// <summary>The entry time of the last row returned.</summary>
    public DateTime EntryTime { get; }

    /// <summary>The id of the last row returned.</summary>
    public long Id { get; }

    /// <summary>The cursor continuing <paramref name="query"/> after its row (<paramref name="entryTime"/>, <paramref name="id"/>).</summary>
    public static TradeCursor After(TradeListQuery query, DateTime entryTime, long id)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new TradeCursor(query.Range, FingerprintOf(query), entryTime, id);
    }

    /// <summary>Whether the cursor was issued for this profile, these filters and this range.</summary>
    public bool IsFor(TradeListQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _fingerprint == FingerprintOf(query);
    }

    /// <summary>The token to hand to clients.</summary>
    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Length];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], Range.Start.Ticks);
        BinaryPrimitives.WriteInt64BigEndian(bytes[9..], Range.End.Ticks);
        BinaryPrimitives.WriteInt64BigEndian(bytes[17..], _fingerprint);
        BinaryPrimitives.WriteInt64BigEndian(bytes[25..], EntryTime.Ticks);
        BinaryPrimitives.WriteInt64BigEndian(bytes[33..], Id);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Decodes a token from <see cref="Encode"/>.</summary>
    /// <exception cref="QueryValidationException">The token is not one of ours.</exception>
    public static TradeCursor Decode(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        // TryDecodeFromChars throws on characters outside the alphabet, so validate first.
        if (token.Length > TokenLength || !Base64Url.IsValid(token, out var decodedLength) || decodedLength != Length)
        {
            throw Malformed();
        }

        Span<byte> bytes = stackalloc byte[Length];
        if (!Base64Url.TryDecodeFromChars(token, bytes, out var written) || written != Length || bytes[0] != Version)
        {
            throw Malformed();
        }

        var start = BinaryPrimitives.ReadInt64BigEndian(bytes[1..]);
        var end = BinaryPrimitives.ReadInt64BigEndian(bytes[9..]);
        var fingerprint = BinaryPrimitives.ReadInt64BigEndian(bytes[17..]);
        var entry = BinaryPrimitives.ReadInt64BigEndian(bytes[25..]);
        var id = BinaryPrimitives.ReadInt64BigEndian(bytes[33..]);
        if (!IsInstant(start) || !IsInstant(end) || start >= end || !IsInstant(entry) || id <= 0)
        {
            throw Malformed();
        }

        return new TradeCursor(new DateRange(Utc(start), Utc(end)), fingerprint, Utc(entry), id);
    }

    private static long FingerprintOf(TradeListQuery query)
    {
        // Each filter with its length in front (absent: -1), so no two queries share a text.
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{query.ProfileId}|{query.Range.Start.Ticks}|{query.Range.End.Ticks}|{Field(query.Filter.Symbol)}|{Field(query.Filter.TradeType)}|{Field(query.Filter.ExitReason)}");
        return BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static string Field(string? value) => value is null ? "-1" : string.Create(CultureInfo.InvariantCulture, $"{value.Length}#{value}");

    // The years QueryRules.ParseInstant takes: a cursor's range stands in for start_time and end_time, so it is held to them.
    private static bool IsInstant(long ticks) => ticks >= EarliestTicks && ticks < AfterLatestTicks;

    private static DateTime Utc(long ticks) => new(ticks, DateTimeKind.Utc);

    private static QueryValidationException Malformed() =>
        new(ParameterNames.Cursor, $"{ParameterNames.Cursor} is malformed; pass back the next_cursor value of a previous page unchanged.");
}
