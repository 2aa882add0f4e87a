using System.CommandLine;
using Perf.Bench.Cli;
using Perf.Bench.Queries;
using Telemetry.CommandLine;

namespace Perf.Bench.Statements;

/// <summary>The <c>statements</c> command: prepared statements against the text protocol on the bench dataset.</summary>
internal static class StatementsCommand
{
    /// <summary>The command, with the suite's data options and its own sampling options.</summary>
    public static Command Create(BenchCommandLine suite, IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(suite);
        var rounds = WholeNumber.Option("--rounds", 2, 10_000, "interleaved rounds after a warm-up pass; the arms (variant × protocol) take turns in a rotating order (default 8)");
        var executions = WholeNumber.Option("--executions", 1, 100_000, "timed executions per query, arm and round (default 9)");
        var caseBudget = Duration.Option("--case-budget", TimeSpan.FromSeconds(3), "per query and arm: fewer executions per round (never fewer rounds) when the warm-up shows the rounds would take longer");
        Option<string?> queries = new("--queries") { Description = "only queries whose name contains one of these (e.g. trades_page,summary)", HelpName = "list" };
        var command = new Command("statements", "Every query the API runs, on each variant, as a server-side prepared statement and as text, timed in interleaved rounds; says which protocol to adopt.");
        suite.AddSuiteOptions(command, benchmarks: false);
        foreach (var option in new Option[] { rounds, executions, caseBudget, queries })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, ct) =>
        {
            var sampling = new StatementSampling(
                (int)(parse.GetValue(rounds) ?? 8),
                (int)(parse.GetValue(executions) ?? 9),
                parse.GetValue(caseBudget).ToTimeSpan(),
                [.. (parse.GetValue(queries) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]);
            // Known before provisioning and seeding: the cases' names do not depend on the data.
            _ = sampling.Cases(QueryContext.NamesOnly);
            return StatementsBenchmark.RunAsync(suite.Read(parse, BenchCommand.Statements), sampling, arguments, ct);
        });
        return command;
    }
}
