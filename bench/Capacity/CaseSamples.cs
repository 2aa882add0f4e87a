using Perf.Analysis.Capacity;

namespace Perf.Bench.Capacity;

/// <summary>One query case's timed executions on one arm, round by round, with the buffer pool counters around each round's executions.</summary>
internal sealed class CaseSamples
{
    public List<List<double>> RoundsMs { get; } = [];

    public List<PageCounts> Pages { get; } = [];

    /// <summary>Whether an execution ran past the command timeout: its time is a lower bound, and the case is not run again.</summary>
    public bool TimedOut { get; private set; }

    /// <summary>Adds one round's executions and their counters.</summary>
    public void Add(List<double> times, PageCounts pages, bool timedOut = false)
    {
        RoundsMs.Add(times);
        Pages.Add(pages);
        TimedOut |= timedOut;
    }

    /// <summary>The measurement of this case: percentiles over every execution, the exact work from its plan, the counters summed.</summary>
    public QueryMeasurement ToMeasurement(string query, ExactWork work, IReadOnlyList<string> indexesUsed, bool servedByApi) =>
        QueryMeasurement.FromRounds(query, [.. RoundsMs.Select(r => (IReadOnlyList<double>)r)], work, indexesUsed) with { Pages = PageCounts.Sum(Pages), ServedByApi = servedByApi, TimedOut = TimedOut };
}
