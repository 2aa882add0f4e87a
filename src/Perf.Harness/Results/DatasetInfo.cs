using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Perf.Harness.Results;

/// <summary>Which data a run measured: enough to regenerate it and to prove it is the same.</summary>
/// <param name="Seed">The generator's random seed.</param>
/// <param name="Scale">The scale name, e.g. <c>small</c> or <c>1y-100p</c>.</param>
/// <param name="RowCounts">Rows per table.</param>
/// <param name="Checksum">A checksum over the loaded rows, or null when not computed.</param>
public sealed record DatasetInfo(long Seed, string Scale, IReadOnlyDictionary<string, long> RowCounts, string? Checksum)
{
    /// <summary>
    /// The dataset in one line, as baselines record it and gates compare it: <c>scale seed N checksum X, rows dd_a 10, dd_b 20</c>
    /// (<c>checksum none</c> for rows the seeder did not load, or changed since).
    /// </summary>
    /// <remarks>
    /// Every table's rows follow the checksum, which covers the generated trades and health rows only: a seed with metric
    /// windows and one without, or the same append on another base, share it, and are other datasets all the same.
    /// </remarks>
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Scale} seed {Seed} checksum {Checksum ?? "none"}")
        + (RowCounts.Count > 0 ? ", rows " + Rows() : string.Empty);

    /// <summary>
    /// A short name for exactly this data, for keys that must not outlive it (the API's Redis entries): the checksum and
    /// every table's rows, hashed. The checksum covers the generated trades and health rows only, so the rows tell a seed
    /// with metric windows from one without, and an appended dataset from its base. Null without a checksum.
    /// </summary>
    public string? ContentIdentity => Checksum is null ? null : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Checksum}; {Rows()}")))[..16];

    private string Rows() => string.Join(", ", RowCounts.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} {r.Value}")));
}
