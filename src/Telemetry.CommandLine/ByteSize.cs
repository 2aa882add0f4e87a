using System.CommandLine;
using System.Globalization;

namespace Telemetry.CommandLine;

/// <summary>The one size type and grammar of every tool, as MySQL writes sizes: <c>512M</c>, <c>20G</c>, <c>1.5T</c>, <c>64K</c> (powers of 1024); a bare number is bytes.</summary>
/// <param name="Bytes">The size in bytes.</param>
public readonly record struct ByteSize(long Bytes)
{
    /// <summary>Parses <paramref name="text"/>; false when it is not a non-negative size.</summary>
    public static bool TryParse(string text, out ByteSize size)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        var unit = t.Length == 0 ? 1L : char.ToUpperInvariant(t[^1]) switch
        {
            'K' => 1L << 10,
            'M' => 1L << 20,
            'G' => 1L << 30,
            'T' => 1L << 40,
            _ => 1L,
        };
        var number = unit == 1 ? t : t[..^1];
        var ok = double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value) && value >= 0 && value * unit < long.MaxValue;
        size = ok ? new ByteSize((long)(value * unit)) : default;
        return ok;
    }

    /// <summary>An option taking a size; null when absent.</summary>
    public static Option<ByteSize?> Option(string name, string description) =>
        new(name)
        {
            Description = description,
            HelpName = "size",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
                if (TryParse(text, out var value))
                {
                    return value;
                }

                result.AddError($"{name} '{text}' is not a size (e.g. 512M, 20G).");
                return null;
            },
        };

    /// <summary>The size in the largest unit that keeps it readable: <c>1.5 GiB</c>, <c>512 MiB</c>, <c>900 B</c>.</summary>
    public override string ToString() => Bytes switch
    {
        >= 1L << 40 => string.Create(CultureInfo.InvariantCulture, $"{Bytes / (double)(1L << 40):0.#} TiB"),
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{Bytes / (double)(1L << 30):0.#} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{Bytes / (double)(1L << 20):0.#} MiB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{Bytes / (double)(1L << 10):0.#} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Bytes} B"),
    };
}
