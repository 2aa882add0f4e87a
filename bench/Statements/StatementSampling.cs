namespace Perf.Bench.Statements;

/// <summary>How <c>bench statements</c> samples: interleaved rounds of executions per query and arm, within a time budget per query.</summary>
/// <param name="Rounds">Interleaved rounds after the warm-up pass.</param>
/// <param name="Executions">Timed executions per query, arm and round (fewer when the budget is short).</param>
/// <param name="CaseBudget">Per query and arm: the rounds' total time the warm-up may plan for.</param>
/// <param name="Queries">Only queries whose name contains one of these; empty for all the API runs.</param>
internal sealed record StatementSampling(int Rounds, int Executions, TimeSpan CaseBudget, IReadOnlyList<string> Queries)
{
    /// <summary>Whether the query named <paramref name="name"/> is measured.</summary>
    public bool Selects(string name) => Queries.Count == 0 || Queries.Any(q => name.Contains(q, StringComparison.OrdinalIgnoreCase));
}
