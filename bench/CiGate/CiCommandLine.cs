using System.CommandLine;
using Perf.Analysis.Gates;
using Perf.Harness.CommandLine;
using Telemetry.CommandLine;

namespace Perf.Bench.CiGate;

/// <summary>The options of <c>ci</c> and <c>ci-rates</c>, and how they become <see cref="CiOptions"/>.</summary>
internal sealed class CiCommandLine(HarnessOptions harness)
{
    public Option<string?> Only { get; } = new("--only") { Description = "plans,load,timings (default all; the others are reported skipped)", HelpName = "list" };

    public Option<string?> Base { get; } = new("--base") { Description = "the revision to compare timings with (default: the merge base with origin/main or main)", HelpName = "ref" };

    public Option<string?> Baseline { get; } = NonEmptyText.Option("--baseline", "compare with a stored timing baseline instead (same machine boot, server, data, schema)", "dir");

    public Option<string?> PlanBaseline { get; } = NonEmptyText.Option("--plan-baseline", "the plan baseline (default bench/plan-baseline.json); one taken on another server build or dataset gives way to the base revision's plans, captured on this server", "file");

    public Option<bool> UpdateBaseline { get; } = new("--update-baseline") { Description = "with --baseline: store this run's timings there" };

    public Option<bool> AllowDifferentEnvironment { get; } = new("--allow-different-environment") { Description = "compare plans or a stored baseline from another machine, server, dataset or schema" };

    public Option<double> MaxRatio { get; } = new("--max-ratio") { Description = "a query regresses when at least this many times slower (and significant)", DefaultValueFactory = _ => TimingGateOptions.Default.MaxRatio };

    public Option<double> MinDifference { get; } = new("--min-difference") { Description = "a query regresses only when its median also moved by at least this many milliseconds", DefaultValueFactory = _ => TimingGateOptions.Default.MinDifferenceMs };

    public Option<double> Alpha { get; } = new("--alpha") { Description = "significance level of the one-sided rank test over rounds (signed-rank on paired rounds against --base, Mann–Whitney against a stored --baseline)", DefaultValueFactory = _ => TimingGateOptions.Default.Alpha };

    public Option<long?> Rounds { get; } = WholeNumber.Option("--rounds", 2, 1000, "probe rounds per side (default 8)");

    public Option<long?> Executions { get; } = WholeNumber.Option("--executions", 1, 100_000, "timed executions per query a round (default 10)");

    public Option<long?> Warmup { get; } = WholeNumber.Option("--warmup", 0, 100_000, "untimed executions per query a round (default 3)");

    public Option<string?> Cases { get; } = new("--cases") { Description = "only queries whose name contains one of these (comma list)", HelpName = "list" };

    public Option<double> Rate { get; } = new("--rate") { Description = "the load check's rate, requests/s", DefaultValueFactory = _ => 20 };

    public Option<Duration> LoadDuration { get; } = Duration.Option("--duration", TimeSpan.FromSeconds(30), "the load check's duration");

    public Option<long?> Runs { get; } = WholeNumber.Option("--runs", 1, 1000, "gate runs of each kind (default 10)");

    public Option<string> Slow { get; } = new("--slow") { Description = "the query made 2× slower in the injected runs", HelpName = "case", DefaultValueFactory = _ => "trades_page/hot/7d" };

    /// <summary>The <c>ci</c> command.</summary>
    public Command CreateCi(IReadOnlyList<string> arguments)
    {
        var command = new Command("ci", "The CI perf gate: plans vs bench/plan-baseline.json, load thresholds, and query timings of the base revision and this tree in interleaved rounds. Writes gate.md, gate.json, junit.xml. Exit 0 passed, 99 regression, 104 configuration error, 110 invalid run, 111 environment mismatch.");
        foreach (var option in new Option[] { Only, Base, Baseline, UpdateBaseline, PlanBaseline, AllowDifferentEnvironment, MaxRatio, MinDifference, Alpha, Rounds, Executions, Warmup, Cases, harness.Variant, Rate, LoadDuration, harness.Results })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, ct) => CiCommand.RunAsync(Read(parse), arguments, ct));
        return command;
    }

    /// <summary>The <c>ci-rates</c> command.</summary>
    public Command CreateRates(IReadOnlyList<string> arguments)
    {
        var command = new Command("ci-rates", "The timing gate's own error rates: N runs on the unchanged tree (base = HEAD) and N with one query made 2× slower; prints the false-alarm and detection rates, writes rates.md and rates.json.");
        foreach (var option in new Option[] { Runs, Slow, MaxRatio, MinDifference, Alpha, Rounds, Executions, Warmup, Cases, harness.Variant, harness.Results })
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, ct) => ErrorRatesCommand.RunAsync(ReadRates(parse), (int)(parse.GetValue(Runs) ?? 10), parse.GetValue(Slow)!, arguments, ct));
        return command;
    }

    /// <summary>The parsed options of <c>ci-rates</c>: the timings suite only, against this tree's HEAD.</summary>
    /// <exception cref="UsageException">The options cannot give a verdict.</exception>
    public CiOptions ReadRates(ParseResult parse) => Read(parse, new HashSet<string>(StringComparer.Ordinal) { TimingGate.Suite }) with { BaseRevision = "HEAD" };

    /// <summary>The parsed options.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="suites">The suites to run when the command has no <c>--only</c>.</param>
    /// <exception cref="UsageException">The options contradict each other or cannot give a verdict.</exception>
    public CiOptions Read(ParseResult parse, IReadOnlySet<string>? suites = null)
    {
        ArgumentNullException.ThrowIfNull(parse);
        suites ??= (parse.GetValue(Only) ?? string.Join(',', CiOptions.AllSuites)).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => CiOptions.AllSuites.Contains(s, StringComparer.Ordinal) ? s : throw new UsageException($"--only: '{s}' is not plans, load or timings."))
            .ToHashSet(StringComparer.Ordinal);
        RefuseUnused(parse, suites);
        // Found out only after both builds, the seeding and the other suites, it would end the run as invalid.
        var cases = ProbeCommand.CaseFilters("--cases", parse.GetValue(Cases));

        var options = new CiOptions(
            suites,
            parse.GetValue(Base),
            parse.GetValue(Baseline) is { } baseline ? Path.GetFullPath(baseline) : null,
            parse.GetValue(UpdateBaseline),
            parse.GetValue(AllowDifferentEnvironment),
            new TimingGateOptions(parse.GetValue(MaxRatio), parse.GetValue(Alpha), parse.GetValue(MinDifference)),
            (int)(parse.GetValue(Rounds) ?? 8),
            (int)(parse.GetValue(Executions) ?? 10),
            (int)(parse.GetValue(Warmup) ?? 3),
            cases,
            parse.GetValue(harness.Variant),
            parse.GetValue(Rate),
            parse.GetValue(LoadDuration),
            parse.GetValue(harness.Results),
            harness.Provisioning(parse));
        options.Validate();
        return parse.GetValue(PlanBaseline) is { } plans ? options with { PlanBaselinePath = Path.GetFullPath(plans) } : options;
    }

    /// <summary>Refuses an option given for suites that do not run: read and then ignored, it would change nothing the run says.</summary>
    /// <exception cref="UsageException">One was given.</exception>
    private void RefuseUnused(ParseResult parse, IReadOnlySet<string> suites)
    {
        string[] timings = [TimingGate.Suite], load = [CiOptions.LoadSuite], plans = [CiOptions.PlansSuite];
        var uses = new (Option Option, string[] Suites)[]
        {
            (Base, [.. plans, .. timings]), (AllowDifferentEnvironment, [.. plans, .. timings]), (PlanBaseline, plans),
            (Baseline, timings), (UpdateBaseline, timings), (MaxRatio, timings), (MinDifference, timings), (Alpha, timings),
            (Rounds, timings), (Executions, timings), (Warmup, timings), (Cases, timings),
            (Rate, load), (LoadDuration, load), (harness.Variant, [.. load, .. timings]),
        };
        foreach (var (option, used) in uses)
        {
            if (parse.GetResult(option) is { Implicit: false } && !used.Any(suites.Contains))
            {
                throw new UsageException($"{option.Name} applies to the {string.Join(" and ", used)} suite{(used.Length > 1 ? "s" : string.Empty)}, which this run leaves out (--only {string.Join(',', suites)}).");
            }
        }
    }
}
