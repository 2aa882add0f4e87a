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
    LoadCache? Cache = null);
