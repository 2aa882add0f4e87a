using Perf.Bench.Queries;
using Telemetry.CommandLine;

namespace Perf.Bench.Statements;

/// <summary>How <c>bench statements</c> samples: interleaved rounds of executions per query and arm, within a time budget per query.</summary>
/// <param name="Rounds">Interleaved rounds after the warm-up pass.</param>
/// <param name="Executions">Timed executions per query, arm and round (fewer when the budget is short).</param>
/// <param name="CaseBudget">Per query and arm: the rounds' total time the warm-up may plan for.</param>
/// <param name="Queries">Only queries whose name contains one of these; empty for all the API runs.</param>
internal sealed record StatementSampling(int Rounds, int Executions, TimeSpan CaseBudget, IReadOnlyList<string> Queries)
{
    /// <summary>The cases measured: every query the API runs whose name contains one of <see cref="Queries"/>.</summary>
    /// <exception cref="UsageException"><see cref="Queries"/> matches none.</exception>
    public IReadOnlyList<QueryCase> Cases(QueryContext context)
    {
        var served = QueryCatalog.All(context).Where(c => c.ServedByApi).ToList();
        var cases = served.Where(c => Queries.Count == 0 || Queries.Any(q => c.Name.Contains(q, StringComparison.OrdinalIgnoreCase))).ToList();
        return cases.Count > 0 ? cases
            : throw new UsageException($"--queries '{string.Join(',', Queries)}' matches no query the API runs; they are: {string.Join(", ", served.Select(c => c.Name))}.");
    }
}
