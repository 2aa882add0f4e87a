using System.Globalization;

namespace Perf.Harness.Results;

/// <summary>Which data a run measured: enough to regenerate it and to prove it is the same.</summary>
/// <param name="Seed">The generator's random seed.</param>
/// <param name="Scale">The scale name, e.g. <c>small</c> or <c>1y-100p</c>.</param>
/// <param name="RowCounts">Rows per table.</param>
/// <param name="Checksum">A checksum over the loaded rows, or null when not computed.</param>
public sealed record DatasetInfo(long Seed, string Scale, IReadOnlyDictionary<string, long> RowCounts, string? Checksum)
{
    /// <summary>The dataset in one line, as baselines record it and gates compare it: <c>scale seed N checksum X</c>.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Scale} seed {Seed} checksum {Checksum ?? "none"}");
}
