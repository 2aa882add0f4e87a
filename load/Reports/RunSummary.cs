using System.Globalization;
using Perf.Load.Execution;
using Perf.Load.Faults;
using Perf.Load.Thresholds;

namespace Perf.Load.Reports;

/// <summary>Everything a run reports, written as <c>summary.json</c> and read back by <c>merge</c>; where it came from is in <c>manifest.json</c> beside it.</summary>
/// <param name="Tool">Always <c>Perf.Load</c>.</param>
/// <param name="Verdict">PASS, FAIL, INVALID or NOT JUDGED.</param>
/// <param name="ExitCode">The process exit code the verdict maps to.</param>
/// <param name="StartedUtc">Start of the measured period.</param>
/// <param name="MeasuredSeconds">Length of the measured period.</param>
/// <param name="Configuration">How the run was configured.</param>
/// <param name="Generator">Whether the generator kept its schedule.</param>
/// <param name="Total">All requests.</param>
/// <param name="Scenarios">Per scenario.</param>
/// <param name="Endpoints">Per endpoint.</param>
/// <param name="Thresholds">Each threshold's result.</param>
/// <param name="Timeline">Per-second gated latency and throughput.</param>
/// <param name="MergedFrom">For merged results: the run directories added together.</param>
/// <param name="Outage">The database restart injected during the run (<c>--restart-db-at</c>) and the API's readiness around it, or null.</param>
/// <param name="Cache">The database's caches, when the API ran in-process here (not for <c>--url</c> targets, nor merged runs).</param>
/// <param name="MergedOverlapSeconds">For merged results: how long every run was measuring at once (0 when some ran one after another); <see cref="MeasuredSeconds"/> is the time any of them was. Null otherwise, and in merges written before it was recorded.</param>
internal sealed record RunSummary(
    string Tool,
    Verdict Verdict,
    int ExitCode,
    DateTimeOffset StartedUtc,
    double MeasuredSeconds,
    RunConfiguration Configuration,
    GeneratorHealth Generator,
    GroupSummary Total,
    IReadOnlyList<GroupSummary> Scenarios,
    IReadOnlyList<GroupSummary> Endpoints,
    IReadOnlyList<ThresholdResult> Thresholds,
    IReadOnlyList<TimelinePoint> Timeline,
    IReadOnlyList<string>? MergedFrom = null,
    DatabaseOutage? Outage = null,
    LoadCache? Cache = null,
    double? MergedOverlapSeconds = null)
{
    /// <summary>For merged runs that were not all measuring at once, a sentence saying so and what the rates are over; else null.</summary>
    /// <remarks>A few seconds' difference in start is tolerated unremarked: machines started by hand never start together.</remarks>
    public string? MergedTimeNote() => MergedOverlapSeconds switch
    {
        null => null,
        <= 0 => string.Create(CultureInfo.InvariantCulture, $"The merged runs did not overlap in time (at least one started after another had ended): counts add, but rates are over the {MeasuredSeconds:0.#} s any of them measured, not a sum of machines loading the target together."),
        { } overlap when MeasuredSeconds - overlap > Math.Max(1, 0.05 * MeasuredSeconds) => string.Create(CultureInfo.InvariantCulture, $"The merged runs were all measuring at once for only {overlap:0.#} s of the {MeasuredSeconds:0.#} s any of them measured: rates are over the {MeasuredSeconds:0.#} s, and the load was their sum only while they overlapped."),
        _ => null,
    };
}
