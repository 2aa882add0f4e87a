using Perf.Analysis.Gates;

namespace Perf.Analysis.Capacity;

/// <summary>Decides whether two variants differ for one query: exact work first, then timings that are both significant and meaningful.</summary>
/// <remarks>
/// Work (rows examined, logical page reads, filesort, temporary table) is deterministic for a plan and data, so a
/// difference beyond <see cref="ClaimThresholds.MinRatio"/> and <see cref="ClaimThresholds.MinAbsoluteWork"/> is a
/// claim on its own, and the timings' own verdict goes with it (<see cref="VariantComparison.Timing"/>). Timings count
/// only when Mann–Whitney over round medians is below the comparison's α and the medians differ by both the ratio and
/// the absolute floor; a shared machine's noise rarely passes both, a design's cost does.
/// </remarks>
public static class ClaimRule
{
    /// <summary>Compares a candidate variant with a reference for one query; <paramref name="alpha"/> is this comparison's share of the report's α.</summary>
    public static VariantComparison Compare(
        ExactWork candidateWork, IReadOnlyList<IReadOnlyList<double>> candidateRounds,
        ExactWork referenceWork, IReadOnlyList<IReadOnlyList<double>> referenceRounds,
        ClaimThresholds thresholds, double alpha)
    {
        ArgumentNullException.ThrowIfNull(candidateWork);
        ArgumentNullException.ThrowIfNull(referenceWork);
        ArgumentNullException.ThrowIfNull(candidateRounds);
        ArgumentNullException.ThrowIfNull(referenceRounds);
        ArgumentNullException.ThrowIfNull(thresholds);
        double[] candidateSamples = [.. candidateRounds.SelectMany(r => r)], referenceSamples = [.. referenceRounds.SelectMany(r => r)];
        var candidateMedian = OrderStatistics.Estimate(candidateSamples, 50);
        var referenceMedian = OrderStatistics.Estimate(referenceSamples, 50);
        var (candidateMedians, referenceMedians) = (RoundMedians(candidateRounds), RoundMedians(referenceRounds));
        var pValue = TwoSidedPValue(candidateMedians, referenceMedians);
        var rounds = Math.Min(candidateMedians.Count, referenceMedians.Count);
        var roundsNeeded = RoundsNeeded(alpha);

        // How far apart the medians are is a size, not a test: too few executions for the median's interval (a slow
        // query cut to one a round) still have a sample median, and "no measurable difference" is not what they show.
        var (c, r) = (PointMedian(candidateMedian, candidateSamples), PointMedian(referenceMedian, referenceSamples));
        var ratio = c is { } cp && r is { } rp && rp > 0 ? cp / rp : 1;
        var meaningful = c is { } cv && r is { } rv && thresholds.IsMeaningful(cv, rv);
        var significant = pValue is { } p && p < alpha;
        // Without enough rounds "not significant" is guaranteed, whatever the timings: say so instead of "no difference".
        var timing = SmallestTwoSidedPValue(candidateMedians.Count, referenceMedians.Count) >= alpha ? TimingVerdict.CannotTell
            : meaningful && significant ? ratio < 1 ? TimingVerdict.Faster : TimingVerdict.Slower
            : TimingVerdict.NoDifference;
        if (WorkRatio(candidateWork, referenceWork, thresholds) is { } workRatio)
        {
            return new VariantComparison(DifferenceKind.WorkDiffers, candidateWork, referenceWork, candidateMedian, referenceMedian, pValue, alpha, workRatio, timing) { Rounds = rounds, RoundsNeeded = roundsNeeded };
        }

        var kind = timing switch
        {
            TimingVerdict.Faster or TimingVerdict.Slower => DifferenceKind.TimingDiffers,
            TimingVerdict.CannotTell => DifferenceKind.CannotTell,
            _ => SamePlan(candidateWork.Plan, referenceWork.Plan) && SameWork(candidateWork, referenceWork)
                ? DifferenceKind.SamePlanNoDifference
                : DifferenceKind.NoMeasurableDifference,
        };
        return new VariantComparison(kind, candidateWork, referenceWork, candidateMedian, referenceMedian, pValue, alpha, ratio, timing) { Rounds = rounds, RoundsNeeded = roundsNeeded };
    }

    /// <summary>The smallest two-sided p-value <see cref="TwoSidedPValue"/> can give with these rounds a side (complete separation), 1 with fewer than 2 a side.</summary>
    internal static double SmallestTwoSidedPValue(int n, int m) => n < 2 || m < 2 ? 1 : Math.Min(1, 2 * RankTest.SmallestPValue(n, m));

    /// <summary>The fewest rounds a side with which <see cref="TwoSidedPValue"/> can fall below <paramref name="alpha"/>.</summary>
    public static int RoundsNeeded(double alpha)
    {
        var rounds = 2;
        while (SmallestTwoSidedPValue(rounds, rounds) >= alpha && rounds < 10_000)
        {
            rounds++;
        }

        return rounds;
    }

    /// <summary>Two-sided Mann–Whitney (the gate's test, <see cref="RankTest.PValueGreater(IReadOnlyList{double}, IReadOnlyList{double})"/>, both ways) that two sets of round medians come from one distribution; null with fewer than 2 a side.</summary>
    /// <remarks>
    /// Round medians, not raw executions: executions within a round share the machine's state of that moment, so only
    /// rounds are close to independent. With fewer than 4 rounds a side no two-sided p-value can fall below 0.05.
    /// </remarks>
    internal static double? TwoSidedPValue(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count < 2 || b.Count < 2)
        {
            return null;
        }

        return Math.Min(1, 2 * Math.Min(RankTest.PValueGreater(a, b), RankTest.PValueGreater(b, a)));
    }

    /// <summary>The estimate's value, else the samples' median; null without samples.</summary>
    private static double? PointMedian(QuantileEstimate estimate, double[] samples) =>
        estimate.Value ?? (samples.Length > 0 ? TimingComparer.Median(samples) : null);

    /// <summary>The median of each round's executions.</summary>
    public static IReadOnlyList<double> RoundMedians(IReadOnlyList<IReadOnlyList<double>> rounds)
    {
        ArgumentNullException.ThrowIfNull(rounds);
        return [.. rounds.Where(r => r.Count > 0).Select(TimingComparer.Median)];
    }

    /// <summary>The candidate's work over the reference's when it differs beyond the thresholds, else null.</summary>
    internal static double? WorkRatio(ExactWork candidate, ExactWork reference, ClaimThresholds thresholds)
    {
        if (Differs(candidate.RowsExamined, reference.RowsExamined, thresholds))
        {
            return Math.Max(candidate.RowsExamined, 1) / (double)Math.Max(reference.RowsExamined, 1);
        }

        if (candidate.LogicalReads is { } cl && reference.LogicalReads is { } rl && Differs(cl, rl, thresholds))
        {
            return Math.Max(cl, 1) / (double)Math.Max(rl, 1);
        }

        // A sort or temporary table one side adds is extra work even when the rows read are the same.
        var extra = (candidate.Filesort ? 1 : 0) + (candidate.TemporaryTable ? 1 : 0) - (reference.Filesort ? 1 : 0) - (reference.TemporaryTable ? 1 : 0);
        return extra == 0 ? null : extra > 0 ? thresholds.MinRatio : 1 / thresholds.MinRatio;
    }

    /// <summary>Same plan, tolerating range ↔ ref on the same index: the optimizer flips between them with sampled statistics, reading the same rows.</summary>
    internal static bool SamePlan(string? a, string? b)
    {
        static string Normalize(string? plan) => plan is null ? string.Empty : plan.StartsWith("ref on ", StringComparison.Ordinal) ? "range on " + plan[7..] : plan;
        return string.Equals(Normalize(a), Normalize(b), StringComparison.Ordinal);
    }

    private static bool SameWork(ExactWork a, ExactWork b) =>
        a.RowsExamined == b.RowsExamined && a.Filesort == b.Filesort && a.TemporaryTable == b.TemporaryTable;

    private static bool Differs(long a, long b, ClaimThresholds thresholds)
    {
        var (low, high) = a < b ? (a, b) : (b, a);
        return high - low >= thresholds.MinAbsoluteWork && high >= thresholds.MinRatio * Math.Max(low, 1);
    }
}
