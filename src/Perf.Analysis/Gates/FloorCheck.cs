using System.Globalization;
using Perf.Analysis.Capacity;

namespace Perf.Analysis.Gates;

/// <summary>Whether one side's rate stays at or above a fraction of another's, judged from runs of the two that alternate.</summary>
/// <remarks>
/// The unit of evidence is a pair (one run of each side, back to back), not a run: on a shared machine both runs of a pair
/// see the same contention, so the pair's ratio keeps what the sides differ by and drops most of what the machine did. The
/// test is the exact one-sided Wilcoxon signed-rank test (<see cref="RankTest"/>) on log(ratio ÷ floor), run both ways: a
/// verdict only where the pairs carry it, never from the ratio of two medians alone.
/// </remarks>
/// <param name="Floor">The floor, e.g. 0.9: the candidate's rate must be at least 0.9 times the reference's.</param>
/// <param name="Ratios">Each pair's ratio of rates: the reference's seconds over the candidate's (same work on both sides).</param>
/// <param name="MedianRatio">The median of <paramref name="Ratios"/>.</param>
/// <param name="PValue">The p-value of the verdict's direction (above the floor for <see cref="FloorVerdict.Holds"/>, below it for <see cref="FloorVerdict.Below"/>, the smaller of the two otherwise); null when the pairs are too few for any p-value under the level.</param>
/// <param name="Verdict">What the pairs say.</param>
/// <param name="Why">The verdict in words, with the figures that carry it.</param>
public sealed record FloorCheck(double Floor, IReadOnlyList<double> Ratios, double MedianRatio, double? PValue, FloorVerdict Verdict, string Why)
{
    /// <summary>The level the test must reach.</summary>
    public const double Alpha = 0.05;

    /// <summary>The fewest pairs whose test can reach <see cref="Alpha"/> at all (every pair on one side of the floor).</summary>
    public static readonly int FewestPairs = Enumerable.Range(1, 64).First(n => RankTest.SmallestSignedRankPValue(n) < Alpha);

    /// <summary>Judges the candidate's rate against <paramref name="floor"/> times the reference's, from paired run times.</summary>
    /// <param name="referenceSeconds">The reference side's run times, in pair order.</param>
    /// <param name="candidateSeconds">The candidate side's run times for the same work, pair for pair.</param>
    /// <param name="floor">The least ratio of rates that holds (candidate ÷ reference), greater than 0.</param>
    /// <exception cref="ArgumentException">The sides differ in count, a time is not positive, or there is no pair.</exception>
    public static FloorCheck Judge(IReadOnlyList<double> referenceSeconds, IReadOnlyList<double> candidateSeconds, double floor)
    {
        ArgumentNullException.ThrowIfNull(referenceSeconds);
        ArgumentNullException.ThrowIfNull(candidateSeconds);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(floor);
        if (referenceSeconds.Count != candidateSeconds.Count || referenceSeconds.Count == 0)
        {
            throw new ArgumentException($"{referenceSeconds.Count} reference and {candidateSeconds.Count} candidate runs: pairs need one of each, and at least one pair.", nameof(candidateSeconds));
        }

        if (referenceSeconds.Concat(candidateSeconds).Any(s => !(s > 0)))
        {
            throw new ArgumentException("Every run time must be positive.", nameof(candidateSeconds));
        }

        var c = CultureInfo.InvariantCulture;
        double[] ratios = [.. referenceSeconds.Zip(candidateSeconds, (reference, candidate) => reference / candidate)];
        var median = TimingComparer.Median(ratios);
        // Each figure stands beside the floor: two decimals, more where they would put it onto or across the floor.
        var figures = string.Create(c, $"median of {ratios.Length} pairs' ratios {ReportFormat.Against(median, "0.00", floor)} (pairs {ReportFormat.Against(ratios.Min(), "0.00", floor)}–{ReportFormat.Against(ratios.Max(), "0.00", floor)}, {ratios.Count(r => r >= floor)} at or above {floor:0.00})");
        if (RankTest.SmallestSignedRankPValue(ratios.Length) >= Alpha)
        {
            return new FloorCheck(floor, ratios, median, null, FloorVerdict.NotSettled, string.Create(c,
                $"{figures}; {ratios.Length} pairs cannot reach p < {Alpha}: needs at least {FewestPairs}"));
        }

        double[] logs = [.. ratios.Select(r => Math.Log(r / floor))];
        var above = RankTest.SignedRankPValueGreater(logs);
        var below = RankTest.SignedRankPValueGreater([.. logs.Select(l => -l)]);
        return (above < Alpha, below < Alpha) switch
        {
            (true, _) => new FloorCheck(floor, ratios, median, above, FloorVerdict.Holds, string.Create(c,
                $"{figures}; above the floor, one-sided Wilcoxon signed-rank {ReportFormat.PValue(above)}")),
            (_, true) => new FloorCheck(floor, ratios, median, below, FloorVerdict.Below, string.Create(c,
                $"{figures}; below the floor, one-sided Wilcoxon signed-rank {ReportFormat.PValue(below)}")),
            _ => new FloorCheck(floor, ratios, median, Math.Min(above, below), FloorVerdict.NotSettled, string.Create(c,
                $"{figures}; neither above nor below the floor at p < {Alpha} ({ReportFormat.PValue(above)} above, {ReportFormat.PValue(below)} below): more pairs may settle it")),
        };
    }
}
