using System.CommandLine;
using System.Globalization;
using Perf.Analysis.Capacity;
using Perf.Bench.CiGate;
using Perf.Harness.CommandLine;
using Perf.Harness.Provisioning;
using Perf.Load.Cli;
using Perf.Seed;
using Perf.Seed.Cli;
using Telemetry.CommandLine;
using Telemetry.Data.Schema;

namespace Perf.Bench.Capacity;

/// <summary>The options of <c>bench report</c>, and how they become <see cref="SweepOptions"/>.</summary>
internal sealed class ReportCommandLine(HarnessOptions harness)
{
    /// <summary>The most trades per trading day <c>--seed-trades-per-day</c> takes.</summary>
    private const int MaxSeedTradesPerDay = 100_000_000;

    /// <summary>Trades per profile per trading day seeded for a reader who adds none (<c>--trades-per-day 0</c>): the sweep still needs a span.</summary>
    private const int FallbackTradesPerProfile = 40;

    public Option<string> Sizes { get; } = new("--sizes") { Description = "trade rows per step, e.g. 100k,300k,1M or 1M,2M,5M,10M; with --measurements, the stored sizes to render (default: all)", HelpName = "list", DefaultValueFactory = _ => "100k,300k,1M" };

    public Option<string> Variants { get; } = new("--variants") { Description = "basic,composite,partitioned", HelpName = "list", DefaultValueFactory = _ => "basic,composite,partitioned" };

    public Option<long?> SeedProfiles { get; } = WholeNumber.Option("--seed-profiles", 1, SeedOptions.MaxProfiles, $"profiles in the seeded data (default: --profiles, at most {SeedOptions.MaxProfiles:N0})");

    public Option<long?> SeedTradesPerDay { get; } = WholeNumber.Option("--seed-trades-per-day", 1, MaxSeedTradesPerDay, $"seeded trades per trading day across the profiles: sets the span (default: the seeded profiles × --trades-per-day × 7/5, so a seeded profile's day holds as many trades as one of yours; {FallbackTradesPerProfile} per profile with --trades-per-day 0)");

    public Option<string> Prefix { get; } = HarnessOptions.CreatePrefix("variant databases NAME_basic…, reseeded per size (with --interleave-sizes NAME_SIZE_basic…, one set per size)", "sweep");

    public Option<long?> Rounds { get; } = WholeNumber.Option("--rounds", 2, 10_000, "interleaved rounds after a warm-up pass; the variants take turns in a rotating order (default 12)");

    public Option<long?> Executions { get; } = WholeNumber.Option("--executions", 1, 100_000, "timed executions per query, variant and round (default 6)");

    public Option<Duration> CaseBudget { get; } = Duration.Option("--case-budget", TimeSpan.FromSeconds(20), "per query and variant: fewer executions per round (never fewer rounds, nor fewer than a p95 needs, as far as --rounds × --executions allow, for an API query under the p95 target in its warm-up) when the warm-up shows the rounds would take longer");

    public Option<bool> InterleaveSizes { get; } = new("--interleave-sizes") { Description = "seed every size first (each under PREFIX_SIZE) and time all sizes in the same interleaved rounds, so a change in the machine's speed reaches every size alike; needs the disk for all sizes at once (checked before writing); default: one size at a time, each timed beside a control" };

    public Option<bool> Aa { get; } = new("--aa") { Description = "A/A check: also measure an identical copy of Composite (or the first variant); the report must claim no difference" };

    public Option<string?> Queries { get; } = new("--queries") { Description = "only queries whose name contains one of these (e.g. trades_page,summary)", HelpName = "list" };

    public Option<bool> Capacity { get; } = new("--capacity") { Description = "also search the capacity (highest rate meeting p95/p99) per size and variant" };

    public Option<double> CapacityStart { get; } = new("--capacity-start") { Description = "capacity search: first rate", DefaultValueFactory = _ => 5 };

    public Option<double> CapacityStep { get; } = new("--capacity-step") { Description = "capacity search: rate step", DefaultValueFactory = _ => 5 };

    public Option<double> CapacityMaxRate { get; } = new("--capacity-max-rate") { Description = "capacity search: highest rate tried", DefaultValueFactory = _ => 200 };

    public Option<Duration> CapacityStepDuration { get; } = Duration.Option("--capacity-step-duration", TimeSpan.FromSeconds(12), "capacity search: measured duration of each step (longer where a step would send too few requests to judge its p95/p99); shorter steps read the capacity off their slowest request and miss queues still building");

    public Option<string?> BufferPools { get; } = new("--buffer-pool") { Description = $"the memory-constrained state's buffer pools, e.g. 256M or 256M,64M,32M (default {new ByteSize(ServerRestart.DefaultConstrainedBufferPoolBytes)}): each variant is measured once per pool, a scale model of a server whose data is many times its memory", HelpName = "sizes" };

    public Option<string?> CacheStates { get; } = new("--cache-states") { Description = "also measure these cache states after the warm one: cold (each round from a restarted server), constrained (each variant alone with a small buffer pool); they restart the local server", HelpName = "list" };


    public Option<long?> Profiles { get; } = WholeNumber.Option("--profiles", 1, 10_000_000, "projection: your profiles (default 100)");

    public Option<double> TradesPerDay { get; } = new("--trades-per-day") { Description = "projection: trades per profile per day", DefaultValueFactory = _ => 50 };

    public Option<double> Years { get; } = new("--years") { Description = "projection: years ahead", DefaultValueFactory = _ => 3 };

    public Option<string?> Start { get; } = new("--start") { Description = "projection: first day, yyyy-MM-dd (default today)", HelpName = "date" };

    public Option<string?> StartRows { get; } = new("--start-rows") { Description = "projection: trade rows already stored (default 0)", HelpName = "rows" };

    public Option<string?> Measurements { get; } = new("--measurements") { Description = "render the report again from a stored sweep's measurements.json (no server), e.g. with other projections", HelpName = "file" };

    /// <summary>Adds every option to <paramref name="command"/>; <c>--results</c> may name the folder of <c>--measurements</c>, to render a stored sweep again in place.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        harness.RendersInPlace = Measurements;
        foreach (var option in new Option[]
        {
            Sizes, Variants, SeedProfiles, SeedTradesPerDay, Prefix, Rounds, Executions, CaseBudget, InterleaveSizes, Aa, Queries, Capacity, CapacityStart, CapacityStep,
            CapacityMaxRate, CapacityStepDuration, CacheStates, BufferPools, Profiles, TradesPerDay, Years, Start, StartRows, Measurements, harness.Results,
        })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The parsed options.</summary>
    /// <exception cref="UsageException">A value is malformed or out of range.</exception>
    public SweepOptions Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.GetValue(Measurements) is not null
            && new Option[] { Variants, SeedProfiles, SeedTradesPerDay, Prefix, Rounds, Executions, CaseBudget, InterleaveSizes, Aa, Queries, Capacity, CapacityStart, CapacityStep, CapacityMaxRate, CapacityStepDuration, CacheStates, BufferPools }
                .FirstOrDefault(o => parse.GetResult(o) is { Implicit: false }) is { } measuring)
        {
            // Read and then ignored, it would leave the report as the stored sweep measured it while the command line says otherwise.
            throw new UsageException($"{measuring.Name} changes what a sweep measures, and --measurements measures nothing: it renders the stored sweep (with --sizes, the projection options and --results).");
        }

        IReadOnlyList<long> sizes;
        try
        {
            sizes = RowCount.ParseList(parse.GetValue(Sizes)!);
        }
        catch (FormatException ex)
        {
            throw new UsageException("--sizes: " + ex.Message, ex);
        }

        if (sizes.Count == 0)
        {
            throw new UsageException("--sizes names no size (e.g. 100k,300k,1M).");
        }

        var variants = SeedCommandLine.ParseVariants(parse.GetValue(Variants)!).Order().ToList();

        var start = parse.GetValue(Start) is { } startText
            ? DateOnly.TryParseExact(startText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsedStart) ? parsedStart : throw new UsageException($"--start '{startText}' is not yyyy-MM-dd.")
            : DateOnly.FromDateTime(DateTime.UtcNow);
        long startRows;
        try
        {
            startRows = parse.GetValue(StartRows) is { } text ? RowCount.Parse(text) : 0;
        }
        catch (FormatException ex)
        {
            throw new UsageException("--start-rows: " + ex.Message, ex);
        }

        var assumptions = new GrowthAssumptions((int)(parse.GetValue(Profiles) ?? 100), parse.GetValue(TradesPerDay), parse.GetValue(Years), start, startRows);
        try
        {
            assumptions.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message, ex);
        }

        CapacitySearch? capacity = null;
        if (parse.GetValue(Capacity))
        {
            // load capacity's rule, under this command's names: the search runs as load capacity after seeding.
            var steps = new CapacitySteps(parse.GetValue(CapacityStart), parse.GetValue(CapacityStep), parse.GetValue(CapacityMaxRate), parse.GetValue(CapacityStepDuration), TimeSpan.Zero, Poisson: false)
                .Validate(("--capacity-start", "--capacity-step", "--capacity-max-rate", "--capacity-step-duration"));
            capacity = new CapacitySearch(steps.StartRate, steps.Step, steps.MaxRate, steps.StepDuration);
        }

        var cacheStates = (parse.GetValue(CacheStates) ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => Enum.TryParse<CacheState>(s, ignoreCase: true, out var state) && state != CacheState.Warm && !s.All(char.IsAsciiDigit)
                ? state
                : throw new UsageException($"--cache-states: '{s}' is not cold or constrained (warm is always measured)."))
            .Distinct()
            .Order()
            .ToList();
        var poolsText = parse.GetValue(BufferPools);
        if (poolsText is not null && !cacheStates.Contains(CacheState.Constrained))
        {
            throw new UsageException("--buffer-pool sizes the memory-constrained state's pools: give it with --cache-states constrained.");
        }

        List<long> pools = poolsText is null ? [ServerRestart.DefaultConstrainedBufferPoolBytes] : [.. poolsText
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => ByteSize.TryParse(t, out var size) ? HarnessOptions.CheckBufferPool(size.Bytes) : throw new UsageException($"--buffer-pool '{t}' is not a size (e.g. 256M, 1G)."))
            .Distinct()
            .OrderDescending()];
        if (pools.Count == 0)
        {
            throw new UsageException("--buffer-pool names no size (e.g. 256M or 256M,64M).");
        }

        // Every query reads one profile and sizes are matched to the reader's data by total rows: unless told otherwise, the
        // sweep's profiles are the reader's, each adding the reader's trades a day, so a size holds what the reader's data will.
        var seedProfiles = (int)(parse.GetValue(SeedProfiles) ?? Math.Min(assumptions.Profiles, SeedOptions.MaxProfiles));
        var seedTradesPerDay = parse.GetValue(SeedTradesPerDay) is { } perDay ? (int)perDay
            : assumptions.TradesPerDayPerProfile > 0 ? (int)Math.Clamp(Math.Round(assumptions.TradesPerTradingDay(seedProfiles)), 1, MaxSeedTradesPerDay)
            : seedProfiles * FallbackTradesPerProfile;
        // The report judges the API's queries against the targets; with none of them it would judge nothing, after seeding every size.
        var queries = ProbeCommand.CaseFilters("--queries", parse.GetValue(Queries));

        return new SweepOptions(
            sizes,
            variants,
            assumptions,
            (int)(parse.GetValue(Rounds) ?? 12),
            (int)(parse.GetValue(Executions) ?? 6),
            parse.GetValue(CaseBudget),
            queries,
            capacity,
            seedProfiles,
            seedTradesPerDay,
            parse.GetValue(Prefix)!,
            parse.GetValue(harness.Results),
            harness.Provisioning(parse),
            parse.GetValue(Aa) ? variants.Contains(SchemaVariant.Composite) ? SchemaVariant.Composite : variants[0] : null)
        {
            CacheStates = cacheStates,
            ConstrainedPools = pools,
            InterleaveSizes = parse.GetValue(InterleaveSizes),
        };
    }
}
