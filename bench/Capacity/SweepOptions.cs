using Perf.Harness.Provisioning;
using Perf.Harness.Reports;
using Perf.Harness.Results;
using Telemetry.Data.Schema;

namespace Perf.Bench.Capacity;

/// <summary>What <c>bench report</c> measures and projects.</summary>
internal sealed record SweepOptions(
    IReadOnlyList<long> Sizes,
    IReadOnlyList<SchemaVariant> Variants,
    GrowthAssumptions Assumptions,
    int Rounds,
    int Executions,
    TimeSpan CaseBudget,
    IReadOnlyList<string> QueryFilters,
    CapacitySearch? Capacity,
    int SeedProfiles,
    int SeedTradesPerDay,
    string Prefix,
    string? ResultsDirectory,
    ProvisioningOptions Provisioning,
    SchemaVariant? AaVariant = null)
{
    /// <summary>The database prefix of the A/A copy.</summary>
    public string CopyPrefix => Prefix + "_aa";

    public const string Usage = """
        usage: dotnet run -c Release --project bench -- report [options]
          Seeds each size into every variant, measures query latency (p50/p95/p99 with 95 % intervals), exact work (rows
          examined, page reads, index, partitions, filesort), table and index bytes, seeding time and optionally capacity; writes report.md and report.html.
        sizes and data:
          --sizes LIST            trade rows per step, e.g. 100k,300k,1M (default), 1M,2M,5M,10M
          --variants LIST         basic,composite,partitioned (default all)
          --seed-profiles N       profiles in the seeded data (50);  --seed-trades-per-day N  (2000): sets the span
          --prefix NAME           variant databases NAME_basic... (default sweep); reseeded per size
        measurement:
          --rounds N              interleaved rounds after a warm-up pass (12): the variants take turns in a rotating order
          --executions N          timed executions per query, variant and round (6): rounds × executions samples each
          --case-budget 20s       per query and variant: fewer executions per round (never fewer rounds) when the warm-up
                                  shows the rounds would take longer
          --aa                    A/A check: also measure an identical copy of Composite (or the first variant) in the same
                                  rounds; the report compares them and must claim no difference
          --queries LIST          only queries whose name contains one of these (e.g. trades_page,summary)
          --capacity              also search the capacity (highest rate meeting p95/p99) per size and variant
          --capacity-start N (5)  --capacity-step N (5)  --capacity-max-rate N (200)  --capacity-step-duration 5s
        projection (your numbers):
          --profiles N (100)  --trades-per-day N per profile (50)  --years N (3)  --start yyyy-MM-dd (today)  --start-rows N (0)
        re-render:
          --from DIR/measurements.json  render the report again from a stored sweep (no server), e.g. with other projections
        --results DIR  --mysql CS  as everywhere
        """;

    private static readonly HashSet<string> Switches = new(StringComparer.Ordinal) { "capacity", "aa" };

    public static SweepOptions Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var (provisioning, rest) = ProvisioningOptions.FromArgs(args);
        var (results, remaining) = ResultWriter.TakeResultsDirectory(rest);
        var a = new CommandArgs(remaining, Switches);
        IReadOnlyList<long> sizes;
        try
        {
            sizes = RowCount.ParseList(a.Get("sizes") ?? "100k,300k,1M");
        }
        catch (FormatException ex)
        {
            throw new ArgumentException("--sizes: " + ex.Message, ex);
        }

        var variants = (a.Get("variants") ?? "basic,composite,partitioned")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => Enum.TryParse<SchemaVariant>(v, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : throw new ArgumentException($"--variants: '{v}' is not basic, composite or partitioned."))
            .Distinct()
            .Order()
            .ToList();
        var start = a.Get("start") is { } startText
            ? DateOnly.TryParseExact(startText, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsedStart) ? parsedStart : throw new ArgumentException($"--start '{startText}' is not yyyy-MM-dd.")
            : DateOnly.FromDateTime(DateTime.UtcNow);
        var assumptions = new GrowthAssumptions(
            a.GetInt("profiles", 100),
            a.GetDouble("trades-per-day", 50),
            a.GetDouble("years", 3),
            start,
            a.Get("start-rows") is { } startRows ? RowCount.Parse(startRows) : 0);
        assumptions.Validate();
        var capacity = a.Has("capacity")
            ? new CapacitySearch(a.GetDouble("capacity-start", 5), a.GetDouble("capacity-step", 5), a.GetDouble("capacity-max-rate", 200), a.GetSeconds("capacity-step-duration", TimeSpan.FromSeconds(5)))
            : null;
        var options = new SweepOptions(
            sizes,
            variants,
            assumptions,
            a.GetInt("rounds", 12),
            a.GetInt("executions", 6),
            a.GetSeconds("case-budget", TimeSpan.FromSeconds(20)),
            [.. (a.Get("queries") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            capacity,
            a.GetInt("seed-profiles", 50),
            a.GetInt("seed-trades-per-day", 2000),
            a.Get("prefix") ?? "sweep",
            results,
            provisioning,
            a.Has("aa") ? variants.Contains(SchemaVariant.Composite) ? SchemaVariant.Composite : variants.FirstOrDefault() : null);
        a.RejectUnknown();
        if (options.Rounds < 2 || options.Executions < 1 || options.SeedProfiles < 1 || options.SeedTradesPerDay < 1 || variants.Count == 0)
        {
            throw new ArgumentException("--rounds must be at least 2 and --executions at least 1; --seed-profiles, --seed-trades-per-day and --variants must be positive.");
        }

        return options;
    }
}
