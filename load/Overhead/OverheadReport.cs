using System.Globalization;
using Perf.Analysis.Capacity;
using Perf.Harness.Reports;
using Perf.Load.Capacity;

namespace Perf.Load.Overhead;

/// <summary>The report of <c>load overhead</c>: the capacity ratio against its target, each arm's search, and per endpoint what the API adds to the database's latency.</summary>
internal static class OverheadReport
{
    /// <summary>The report's title.</summary>
    public const string Title = "API overhead: the API against its database alone";

    /// <summary>Builds the document; a latency difference is called measurable by <paramref name="thresholds"/> (the claim thresholds by default).</summary>
    public static ReportDocument Build(OverheadResult result, ClaimThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        thresholds ??= ClaimThresholds.Default;
        var c = CultureInfo.InvariantCulture;
        var capacities = result.Arms.Select(a => (IReadOnlyList<string>)
        [
            a.Name,
            Capacity(a.Capacity),
            a.Capacity.FirstFailingRate is { } failing ? failing.ToString("0.##", c) + " req/s" + (a.Capacity.StoppedInvalid ? " (INVALID: bounds nothing)" : a.Capacity.StoppedNotSettled ? " (NOT SETTLED: bounds nothing)" : string.Empty) : "—",
            a.Description,
        ]).ToList();
        var latencyHeader = new List<string> { "Endpoint" };
        foreach (var arm in result.Arms)
        {
            latencyHeader.Add($"{arm.Name} p50");
        }

        latencyHeader.AddRange(["API − database, p50", "API p95 vs database p95"]);
        var latencies = result.Endpoints.Select(e => (IReadOnlyList<string>)
        [
            $"`{e.Endpoint}`",
            .. e.Arms.Select(a => ReportFormat.Estimate(a.P50) + string.Create(c, $" (n {a.Count})")),
            Difference(e.Arms[0].P50, e.Arms[1].P50, thresholds),
            $"{ReportFormat.Estimate(e.Arms[1].P95)} vs {ReportFormat.Estimate(e.Arms[0].P95)}",
        ]).ToList();
        return new ReportDocument(Title,
        [
            new ReportParagraph(Conclusion(result)),
            new ReportParagraph(string.Create(c,
                $"Three arms run the same scenario mix, seed and rate steps, taking turns at each rate in a rotating order: `database` sends each request's query to the query layer directly (the API's own parameter rules build the same query objects; no HTTP, cache or JSON), `api-cache-off` and `api-cache-on` send it over HTTP to the in-process API with its cache off and on. An arm stops at its first step that misses a threshold or has an invalid generator; its capacity is the highest rate it passed.")),
            new ReportHeading(2, "Capacity"),
            new ReportTable(["Arm", "Capacity", "First failing rate", "Ran against"], capacities) { NumericColumns = [1, 2] },
            new ReportHeading(2, string.Create(c, $"Latency per endpoint at {result.ComparedAtRate:0.##} req/s")),
            new ReportParagraph(string.Create(c, $"Latency is end minus intended start, with 95 % order-statistic intervals from the histograms (a guide: requests under load are not independent). The difference is called measurable only when the two intervals do not overlap and it is at least {thresholds.MinRatio:0.##}× and {thresholds.MinAbsoluteMs:0.###} ms (the claim thresholds of the capacity report).")),
            new ReportTable(latencyHeader, latencies) { NumericColumns = [.. Enumerable.Range(1, result.Arms.Count + 2)] },
        ]);
    }

    /// <summary>One sentence: the capacity ratio against the target, with the range the steps leave it in.</summary>
    public static string Conclusion(OverheadResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var c = CultureInfo.InvariantCulture;
        if (result.Ratio is { Value: null, ApiPassedNoStep: false })
        {
            return "The database alone met no step, so there is no capacity to compare the API's with.";
        }

        // Each ratio stands beside the target it is judged by: two decimals, more where they would reach or cross it.
        var target = result.TargetRatio;
        var (low, high) = (ReportFormat.Against(result.Ratio.Low, "0.00", target), ReportFormat.Against(result.Ratio.High, "0.00", target));
        var range = (result.Ratio.Low > 0, double.IsPositiveInfinity(result.Ratio.High)) switch
        {
            (false, true) => result.Ratio.StoppedInvalid || result.Ratio.StoppedNotSettled ? "any ratio: neither end is bounded within the rate steps" : "any ratio: both searches passed every step up to --max-rate",
            (true, true) => $"at least {low}× within the rate steps",
            (false, false) => $"at most {high}× within the rate steps",
            _ => $"{low}–{high}× within the rate steps",
        };
        var verdict = result.Ratio.Meets(result.TargetRatio) switch
        {
            true => "meets the target",
            false => "misses the target",
            null when result.Ratio.StoppedInvalid => "cannot be judged against the target: a search stopped on an INVALID step (its generator could not keep the schedule), which leaves that arm's capacity without an upper bound",
            null when result.Ratio.StoppedNotSettled => "cannot be judged against the target: a search stopped on a NOT SETTLED step (a threshold neither shown to hold nor missed), which leaves that arm's capacity without an upper bound",
            null => "cannot be judged against the target at these steps (a smaller --step, or a higher --max-rate, narrows the range)",
        };
        var sustains = result.Ratio.Value is { } value
            ? string.Create(c, $"sustains {ReportFormat.Against(value, "0.00", target)}× the database-only capacity")
            : "passed no step, so its share of the database-only capacity is not measured";
        return string.Create(c, $"The API with its cache off {sustains} ({range}): it {verdict} of ≥ {target:0.0#}×.");
    }

    /// <summary>
    /// A search's capacity as the report and the console show it: <c>350 req/s</c> when a missed step bounds it above,
    /// <c>≥ 425 req/s</c> when the search reached <c>--max-rate</c> or stopped on an INVALID or NOT SETTLED step (which
    /// bound nothing), <c>&lt; 40 req/s</c> when the first step was missed, and <c>unknown</c> when the first step bounded nothing.
    /// </summary>
    internal static string Capacity(CapacityResult capacity)
    {
        ArgumentNullException.ThrowIfNull(capacity);
        var c = CultureInfo.InvariantCulture;
        return (capacity.MaxPassingRate, capacity.UpperBound) switch
        {
            ({ } passed, null) => string.Create(c, $"≥ {passed:0.##} req/s"),
            ({ } passed, _) => string.Create(c, $"{passed:0.##} req/s"),
            (null, { } under) => string.Create(c, $"< {under:0.##} req/s"),
            _ => capacity.StoppedInvalid ? "unknown (first step INVALID)" : capacity.StoppedNotSettled ? "unknown (first step NOT SETTLED)" : "unknown",
        };
    }

    /// <summary>The API's p50 minus the database's, saying when it is not measurable: overlapping intervals, or smaller than the thresholds.</summary>
    internal static string Difference(QuantileEstimate database, QuantileEstimate api, ClaimThresholds thresholds)
    {
        if (!database.IsBounded || !api.IsBounded)
        {
            return "too few samples";
        }

        var difference = api.Value!.Value - database.Value!.Value;
        var disjoint = api.Lower > database.Upper || api.Upper < database.Lower;
        var caveat = !disjoint ? " (intervals overlap: not measurable)"
            : !thresholds.IsMeaningful(api.Value.Value, database.Value.Value) ? string.Create(CultureInfo.InvariantCulture, $" (under {thresholds.MinRatio:0.##}× or {thresholds.MinAbsoluteMs:0.###} ms: not measurable)")
            : string.Empty;
        return $"{(difference >= 0 ? "+" : "−")}{ReportFormat.Ms(Math.Abs(difference), thresholds.MinAbsoluteMs)}{caveat}";
    }
}
