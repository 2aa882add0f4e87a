using System.Buffers.Binary;
using System.Buffers.Text;

namespace Telemetry.Data.Queries;

/// <summary>A keyset position in a newest-first trade list: the entry time and id of the last row returned.</summary>
/// <remarks>Encoded as an opaque base64url token so clients cannot build one by hand and depend on its layout.</remarks>
public sealed record TradeCursor(DateTime EntryTime, long Id)
{
    private const byte Version = 1;
    private const int Length = 1 + 8 + 8;

    /// <summary>The token to hand to clients.</summary>
    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[Length];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], EntryTime.Ticks);
        BinaryPrimitives.WriteInt64BigEndian(bytes[9..], Id);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Decodes a token from <see cref="Encode"/>.</summary>
    /// <exception cref="QueryValidationException">The token is not one of ours.</exception>
    public static TradeCursor Decode(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        // TryDecodeFromChars throws on characters outside the alphabet, so validate first.
        if (token.Length > 32 || !Base64Url.IsValid(token, out var decodedLength) || decodedLength != Length)
        {
            throw Malformed();
        }

        Span<byte> bytes = stackalloc byte[Length];
        if (!Base64Url.TryDecodeFromChars(token, bytes, out var written) || written != Length || bytes[0] != Version)
        {
            throw Malformed();
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes[1..]);
        var id = BinaryPrimitives.ReadInt64BigEndian(bytes[9..]);
        if (ticks < DateTime.UnixEpoch.Ticks || ticks > DateTime.MaxValue.Ticks || id <= 0)
        {
            throw Malformed();
        }

        return new TradeCursor(new DateTime(ticks, DateTimeKind.Utc), id);
    }

    private static QueryValidationException Malformed() =>
        new(ParameterNames.Cursor, $"{ParameterNames.Cursor} is malformed; pass back the next_cursor value of a previous page unchanged.");
}
