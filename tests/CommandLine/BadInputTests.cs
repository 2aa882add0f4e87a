using System.CommandLine;
using System.Diagnostics;
using Perf.Bench.Cli;
using Perf.Harness;
using Perf.Harness.CommandLine;
using Perf.Harness.Provisioning;
using Perf.Load.Cli;
using Perf.Load.Scenarios;
using Perf.Seed.Cli;
using Perf.Tests.Infrastructure;
using Spectre.Console.Testing;
using Telemetry.CommandLine;
using Telemetry.Data.Queries;
using Telemetry.Jobs;

namespace Perf.Tests.CommandLine;

/// <summary>Bad input to any tool is one line on stderr, the <c>--help</c> hint and exit 104 before any work: no stack trace, no results folder, no server.</summary>
/// <remarks>Arguments are given as one string split on <c>|</c>, so an empty value (<c>--mysql ""</c>) can be written.</remarks>
[Collection(RunsFolderGroup.Name)]
public sealed class BadInputTests
{
    /// <summary>Nothing listens on port 1: a command that got past its options fails on the server instead.</summary>
    private const string NoServer = "Server=127.0.0.1;Port=1;User ID=perf;Password=perf;Connect Timeout=1";

    /// <summary>One measurement of one query, as a sweep writes it.</summary>
    private const string Measurement = """{"variant":"Basic","tradeRows":1000,"seedSeconds":1,"dataBytes":1,"indexBytes":1,"capacityRps":null,"queries":[{"query":"q","p50Ms":1,"p95Ms":2,"p99Ms":3,"rowsExamined":1,"indexesUsed":[]}],"indexes":[]}""";

    /// <summary>A plan baseline whose one entry bounds its reads below zero: every plan would fail against it.</summary>
    private const string NegativeBound = """{"dataset": "d", "server": "s", "entries": [{"query": "health/hot", "variant": "Basic", "accessType": "ref", "index": null, "rowsRead": 32, "maxRowsRead": -1, "partitions": 0, "filesort": false}]}""";

    private static readonly ProvisioningOptions NoLocalServer = new() { AllowTestcontainers = false, AllowLocalServer = false };

    [Theory]
    [InlineData("run|--url|http://127.0.0.1:9|--duration|1e300s", "--duration '1e300s' is longer than a duration can be")]
    [InlineData("run|--url|http://127.0.0.1:9|--duration|99999999999h", "--duration '99999999999h' is longer")]
    [InlineData("run|--url|http://127.0.0.1:9|--warmup|1e300s", "--warmup '1e300s' is longer")]
    [InlineData("run|--url|http://127.0.0.1:9|--graceful-stop|1e300", "--graceful-stop '1e300' is longer")]
    [InlineData("capacity|--url|http://127.0.0.1:9|--step-duration|1e300s", "--step-duration '1e300s' is longer")]
    public async Task Load_DurationTooLong_OneLineUsageError(string args, string message)
    {
        var (code, error) = await RunLoadAsync(args);

        AssertUsageError(code, error, "load", message);
    }

    [Theory]
    [InlineData("ci|--duration|1e300s", "--duration '1e300s' is longer")]
    [InlineData("report|--case-budget|99999999999h", "--case-budget '99999999999h' is longer")]
    public async Task Bench_DurationTooLong_OneLineUsageError(string args, string message)
    {
        var (code, error) = await RunBenchAsync(args);

        AssertUsageError(code, error, "bench", message);
    }

    /// <summary>A wait longer than the HTTP client's timeout or a timer takes (int.MaxValue ms) passed, then threw a stack trace once the target was up (checked by parsing only, so old code runs nothing).</summary>
    [Theory]
    [InlineData("run|--timeout|600h", "--timeout '600h' is longer than the runner's timers can wait (596h).")]
    [InlineData("check|--graceful-stop|2000000h", "--graceful-stop '2000000h' is longer than the runner's timers can wait")]
    [InlineData("run|--warmup|2000000h", "--warmup '2000000h' is longer than the runner's timers can wait")]
    [InlineData("capacity|--warmup|600h", "--warmup '600h' is longer")]
    [InlineData("capacity|--timeout|596.6h", "--timeout '596.6h' is longer")]
    public void Load_WaitLongerThanATimerTakes_ParseError(string args, string message)
    {
        var parse = CreateLoad(new TestConsole()).Parse(args.Split('|'));

        Assert.StartsWith(message, Assert.Single(parse.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_LongestWaitATimerTakes_Accepted()
    {
        Assert.Empty(CreateLoad(new TestConsole()).Parse(["run", "--timeout", "596h", "--graceful-stop", "596h", "--warmup", "596h"]).Errors);
    }

    [Theory]
    [InlineData("run|--duration|1e300s|--help")]
    [InlineData("capacity|--step-duration|99999999999h|--help")]
    public async Task Load_DurationTooLongWithHelp_PrintsHelp(string args)
    {
        var console = new TestConsole();
        using var error = new StringWriter();

        var code = await CommandLineRunner.RunAsync(CreateLoad(console), args.Split('|'), console.Profile.Out.Writer, error, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("Usage:", console.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, error.ToString());
    }

    [Fact]
    public void Duration_TooLong_IsNotADuration()
    {
        Assert.False(Duration.TryParse("1e300s", out _));
        Assert.False(Duration.TryParse("99999999999h", out _));
        Assert.True(Duration.TryParse("10000h", out var long_));
        Assert.Equal(TimeSpan.FromHours(10_000), long_.Value);
        Assert.Contains("is longer than a duration can be", Assert.Throws<UsageException>(() => Duration.Parse("1e300s", "--x")).Message, StringComparison.Ordinal);
    }

    /// <summary>An empty server option is a parse error: without one the tools would start a local server and seed it (checked by parsing only, so old code starts nothing).</summary>
    [Theory]
    [InlineData("seed", "--mysql|", "--mysql is empty")]
    [InlineData("seed", "--mysql| ", "--mysql is empty")]
    [InlineData("bench", "plans|--mysql|", "--mysql is empty")]
    [InlineData("bench", "report|--mysql|", "--mysql is empty")]
    [InlineData("load", "run|--mysql|", "--mysql is empty")]
    [InlineData("load", "run|--redis|", "--redis is empty")]
    [InlineData("bench", "report|--redis| ", "--redis is empty")]
    [InlineData("bench", "plans|--mysql-datadir|", "--mysql-datadir is empty: give a dir.")]
    [InlineData("seed", "--mysql-datadir| ", "--mysql-datadir is empty: give a dir.")]
    [InlineData("load", "run|--mysql-datadir|", "--mysql-datadir is empty: give a dir.")]
    [InlineData("seed", "--mysql|Server=;Port=abc", "--mysql is not a valid connection string")]
    [InlineData("seed", "--mysql|garbage", "--mysql is not a valid connection string")]
    [InlineData("bench", "plans|--mysql|Server=x;Foo=bar", "--mysql is not a valid connection string")]
    [InlineData("bench", "ci|--mysql|Server=;Port=abc", "--mysql is not a valid connection string")]
    [InlineData("bench", "ci-rates|--mysql|Server=;Port=abc", "--mysql is not a valid connection string")]
    [InlineData("load", "capacity|--mysql|garbage", "--mysql is not a valid connection string")]
    public void ServerOption_EmptyOrMalformed_ParseError(string tool, string args, string message)
    {
        Command root = tool switch
        {
            "seed" => SeedProgram.Create([], TextWriter.Null, TextWriter.Null),
            "bench" => BenchCli.Create([]).Root,
            _ => CreateLoad(new TestConsole()),
        };

        var parse = root.Parse(args.Split('|'));

        var error = Assert.Single(parse.Errors);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("plans|--mysql|Server=x;Foo=bar")]
    [InlineData("gate|--mysql|garbage")]
    [InlineData("ci|--mysql|Server=;Port=abc")]
    [InlineData("ci-rates|--mysql|Server=;Port=abc")]
    public async Task Bench_MalformedConnectionString_UsageErrorNothingWritten(string args)
    {
        var runs = RunsFolderGroup.RunDirectories();

        var (code, error) = await RunBenchAsync(args);

        AssertUsageError(code, error, "bench", "--mysql is not a valid connection string: ");
        Assert.Equal(runs, RunsFolderGroup.RunDirectories());
    }

    [Fact]
    public async Task Seed_MalformedConnectionString_UsageError()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await SeedProgram.RunAsync(["--mysql", "Server=;Port=abc"], output, error, TestContext.Current.CancellationToken);

        AssertUsageError(code, error.ToString(), "seed", "--mysql is not a valid connection string: ");
    }

    /// <summary>A connection string wins over the local server: a data directory beside it would be ignored and the run go to the named server.</summary>
    [Theory]
    [InlineData("seed", "--mysql-datadir|/tmp/perf-unused-datadir")]
    [InlineData("bench", "plans|--mysql-datadir|/tmp/perf-unused-datadir")]
    [InlineData("load", "run|--url|http://127.0.0.1:9|--mysql|" + NoServer + "|--mysql-datadir|/tmp/perf-unused-datadir")]
    public async Task DataDirectoryBesideAConnectionString_UsageErrorNothingWritten(string tool, string args)
    {
        var runs = RunsFolderGroup.RunDirectories();
        int code;
        string error;
        if (tool == "seed")
        {
            using var output = new StringWriter();
            using var errors = new StringWriter();
            code = await SeedProgram.RunAsync([.. args.Split('|'), "--mysql", NoServer], output, errors, TestContext.Current.CancellationToken);
            error = errors.ToString();
        }
        else
        {
            (code, error) = tool == "bench" ? await RunBenchAsync(args) : await RunLoadAsync(args);
        }

        AssertUsageError(code, error, tool, "--mysql-datadir starts a local server, and --mysql names an existing one: give one of them.");
        Assert.Equal(runs, RunsFolderGroup.RunDirectories());
        Assert.False(Directory.Exists("/tmp/perf-unused-datadir"));
    }

    [Theory]
    [InlineData("archive|--mysql|Server=;Port=abc", "--mysql is not a valid connection string")]
    [InlineData("worker|--mysql|garbage", "--mysql is not a valid connection string")]
    [InlineData("analyze|--mysql|", "--mysql is empty")]
    public async Task Jobs_MalformedConnectionString_UsageErrorNoJob(string args, string message)
    {
        var ran = false;
        var root = new JobsCommandLine(_ => null).Create((_, _) =>
        {
            ran = true;
            return Task.FromResult(ExitCodes.Success);
        });
        using var error = new StringWriter();

        var code = await CommandLineRunner.RunAsync(root, args.Split('|'), TextWriter.Null, error, TestContext.Current.CancellationToken);

        Assert.False(ran, "the job ran");
        AssertUsageError(code, error.ToString(), "Telemetry.Jobs", message);
    }

    [Fact]
    public void Jobs_MalformedEnvironmentVariable_UsageErrorNamingIt()
    {
        var error = Assert.Throws<UsageException>(() => JobsCommandLine.Parse(["archive"], name => name == "PERF_MYSQL" ? "Server=;Port=abc" : null));

        Assert.StartsWith("PERF_MYSQL is not a valid connection string: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerProvisioner_EmptyConnectionString_RefusesToStartAServer()
    {
        var options = new ProvisioningOptions { ConnectionString = string.Empty, AllowTestcontainers = false };

        var error = await Assert.ThrowsAsync<ProvisioningException>(() => ServerProvisioner.ChooseAsync(options, new ProvisioningEnvironment(_ => null, (_, _) => Task.FromResult(new DockerProbeResult(false, "x")), () => "/usr/sbin/mariadbd"), TestContext.Current.CancellationToken));

        Assert.StartsWith("--mysql is empty", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gate|--baseline|", "--baseline is empty: give a path.")]
    [InlineData("ci|--baseline|", "--baseline is empty: give a dir.")]
    [InlineData("gate|--baseline|/nonexistent/x.json", "--baseline: no plan baseline at /nonexistent/x.json")]
    [InlineData("gate|--update-baseline|--baseline|/proc/gate/x.json", "--baseline: cannot write /proc/gate/x.json: the folder /proc cannot be written")]
    [InlineData("gate|--update-baseline|--baseline|/tmp", "--baseline: cannot write /tmp: /tmp is a folder.")]
    [InlineData("probe|--serve|--out|", "--out is empty: give a file.")]
    public async Task Bench_BadBaseline_UsageErrorBeforeSeeding(string args, string message)
    {
        var runs = RunsFolderGroup.RunDirectories();

        var (code, error) = await RunBenchAsync(args);

        AssertUsageError(code, error, "bench", message);
        Assert.Equal(runs, RunsFolderGroup.RunDirectories());
    }

    /// <summary>
    /// A plan baseline that is no baseline is refused before the server is asked for (<see cref="NoServer"/> would fail
    /// otherwise): the gate read it only after seeding and capturing plans, and left a results folder behind.
    /// </summary>
    /// <param name="command">The command, with the option naming the baseline (the file is appended).</param>
    /// <param name="content">The file's text, or <c>DIR</c> for a folder in its place, or <c>MISSING</c> for no file.</param>
    /// <param name="message">What the one line says after the file's path.</param>
    [Theory]
    [InlineData("gate|--baseline", "not json", "is not a plan baseline: ")]
    [InlineData("gate|--baseline", "{\"dataset\": \"d\", \"server\": \"s\", \"entries\": [", "is not a plan baseline: ")]
    [InlineData("gate|--baseline", "[1, 2]", "is not a plan baseline: ")]
    [InlineData("gate|--baseline", "null", "holds no baseline.")]
    [InlineData("gate|--baseline", "{\"dataset\": \"d\", \"server\": \"s\", \"entries\": [null]}", "is not a plan baseline: the list item at $.entries[0] is null.")]
    [InlineData("gate|--baseline", "{\"dataset\": \"d\", \"server\": \"s\", \"entries\": [{\"query\": \"q\", \"variant\": \"Basic\"}]}", "is not a plan baseline: JSON deserialization for type 'Perf.Bench.Gate.PlanBaselineEntry' was missing required properties")]
    [InlineData("gate|--baseline", NegativeBound, "is not a plan baseline: health/hot/Basic has rowsRead 32, maxRowsRead -1 and partitions 0; each must be 0 or more.")]
    [InlineData("gate|--baseline", "DIR", "is a folder, not a plan baseline.")]
    [InlineData("ci|--only|plans|--plan-baseline", "not json", "is not a plan baseline: ")]
    [InlineData("ci|--only|plans|--plan-baseline", "{\"dataset\": \"d\", \"server\": \"s\", \"entries\": [null]}", "is not a plan baseline: the list item at $.entries[0] is null.")]
    [InlineData("ci|--only|plans|--plan-baseline", NegativeBound, "is not a plan baseline: health/hot/Basic has rowsRead 32, maxRowsRead -1 and partitions 0; each must be 0 or more.")]
    [InlineData("ci|--only|plans|--plan-baseline", "DIR", "is a folder, not a plan baseline.")]
    [InlineData("ci|--plan-baseline", "MISSING", "no plan baseline at ")]
    public async Task Bench_CorruptPlanBaseline_UsageErrorBeforeTheServer(string command, string content, string message)
    {
        var directory = Directory.CreateTempSubdirectory("perf-bad-baseline-");
        try
        {
            var file = Path.Combine(directory.FullName, "baseline.json");
            if (content == "DIR")
            {
                Directory.CreateDirectory(file);
            }
            else if (content != "MISSING")
            {
                await File.WriteAllTextAsync(file, content, TestContext.Current.CancellationToken);
            }

            var results = Path.Combine(directory.FullName, "out");
            var runs = RunsFolderGroup.RunDirectories();

            var (code, error) = await RunBenchAsync($"{command}|{file}|--results|{results}");

            AssertUsageError(code, error, "bench", $"{command.Split('|')[^1]}: ");
            Assert.Contains(content == "MISSING" ? message + file : $"{file} {message}", error, StringComparison.Ordinal);
            Assert.False(Directory.Exists(results));
            Assert.Equal(runs, RunsFolderGroup.RunDirectories());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Bench_GateUpdatingAMissingBaseline_Parses()
    {
        var baseline = Path.Combine(Path.GetTempPath(), $"perf-no-baseline-{Guid.NewGuid():N}", "x.json");

        var options = BenchCli.ParseOptions(["gate", "--update-baseline", "--baseline", baseline]);

        Assert.Equal(baseline, options.BaselinePath);
    }

    [Fact]
    public async Task Load_EmptyWrk_UsageError()
    {
        var (code, error) = await RunLoadAsync("calibrate|--url|http://127.0.0.1:9|--wrk|");

        AssertUsageError(code, error, "load", "--wrk is empty: give a path.");
    }

    [Theory]
    [InlineData("plans|--bogus")]
    [InlineData("gate|--bogus")]
    [InlineData("report|--bogus")]
    [InlineData("archive|--bogus")]
    [InlineData("statements|--bogus")]
    [InlineData("ci|--bogus")]
    [InlineData("ci-rates|--bogus")]
    [InlineData("probe|--serve|--out|x.json|--bogus")]
    public async Task Bench_UnknownOptionOnACommand_UsageErrorNothingWritten(string args)
    {
        var runs = RunsFolderGroup.RunDirectories();

        var (code, error) = await RunBenchAsync(args);

        AssertUsageError(code, error, "bench", "Unrecognized command or argument '--bogus'");
        Assert.Equal(runs, RunsFolderGroup.RunDirectories());
    }

    [Fact]
    public void Bench_UnknownTokensOnTheSuite_GoToBenchmarkDotNet()
    {
        var options = BenchCli.ParseOptions(["--filter", "*Trade*", "--list", "flat"]);

        Assert.Equal(["--filter", "*Trade*", "--list", "flat"], options.BenchmarkArgs);
    }

    [Theory]
    [InlineData("plans|--prefix|a;b")]
    [InlineData("plans|--prefix|")]
    [InlineData("gate|--prefix|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("|--prefix|Bench")]
    [InlineData("statements|--prefix|a-b")]
    [InlineData("report|--prefix|a;b")]
    [InlineData("probe|--serve|--out|x.json|--prefix|a;b")]
    public async Task Bench_BadPrefix_SharedRuleUsageErrorNothingWritten(string args)
    {
        var runs = RunsFolderGroup.RunDirectories();

        var (code, error) = await RunBenchAsync(args.TrimStart('|'));

        AssertUsageError(code, error, "bench", "--prefix must be 1 to 40 lower-case letters, digits or underscores");
        Assert.Equal(runs, RunsFolderGroup.RunDirectories());
    }

    [Theory]
    [InlineData("ci|--alpha|NaN", "--alpha takes a finite number; got 'NaN'.")]
    [InlineData("ci|--max-ratio|NaN", "--max-ratio takes a finite number; got 'NaN'.")]
    [InlineData("ci|--rate|NaN", "--rate takes a finite number; got 'NaN'.")]
    [InlineData("ci|--rate|Infinity", "--rate takes a finite number; got 'Infinity'.")]
    [InlineData("ci|--only|load|--duration|0", "--duration must be greater than zero")]
    [InlineData("ci|--max-ratio|abc", "--max-ratio takes a number (e.g. 20, 0.5, 1e3); got 'abc'.")]
    [InlineData("ci|--alpha|2", "--alpha must lie in (0, 1); got 2.")]
    [InlineData("ci|--max-ratio|1", "--max-ratio must exceed 1; got 1.")]
    [InlineData("ci|--min-difference|-1", "--min-difference must be a number of milliseconds, 0 or more; got -1.")]
    [InlineData("ci|--min-difference|NaN", "--min-difference takes a finite number; got 'NaN'.")]
    [InlineData("report|--years|NaN", "--years takes a finite number; got 'NaN'.")]
    [InlineData("report|--start|9999-01-01|--years|100", "Projection from 9999-01-01 over 100 years runs past the year 9999")]
    [InlineData("report|--trades-per-day|1e308", "Projection's rows over --years (--profiles × --trades-per-day a day) are more than a table can count")]
    [InlineData("report|--sizes|", "--sizes names no size")]
    // Found out only after the seeding (a stack trace for the report, an invalid run for the gate).
    [InlineData("report|--queries|trade_page", "--queries 'trade_page' names no query the API runs; they are: trades_page/")]
    [InlineData("report|--queries|full", "--queries 'full' names no query the API runs")]
    [InlineData("ci|--cases|trade_page", "--cases 'trade_page' names no query the API runs; they are: trades_page/")]
    [InlineData("ci|--only|plans|--variant|basic", "--variant applies to the load and timings suites, which this run leaves out (--only plans).")]
    [InlineData("report|--capacity|--capacity-step|0", "--capacity-step must be greater than 0")]
    [InlineData("report|--capacity|--capacity-start|-5", "--capacity-start must be greater than 0")]
    [InlineData("report|--capacity|--capacity-max-rate|NaN", "--capacity-max-rate takes a finite number")]
    [InlineData("report|--capacity|--capacity-max-rate|1", "--capacity-max-rate must be at least --capacity-start.")]
    [InlineData("report|--capacity|--capacity-step-duration|0", "--capacity-step-duration must be greater than zero.")]
    [InlineData("report|--variants|basic,basic", "--variants names 'basic' twice.")]
    [InlineData("report|--measurements|m.json|--variants|basic", "--variants changes what a sweep measures, and --measurements measures nothing")]
    [InlineData("ci|--only|plans|--rate|30", "--rate applies to the load suite, which this run leaves out (--only plans).")]
    [InlineData("ci|--only|load|--rate|10", "--rate 10 for --duration 30 s sends 300 requests; the load check's p(99)<1000 threshold needs at least 368 to be judged")]
    [InlineData("ci-rates|--slow|nosuch", "--slow 'nosuch' names no query the gate times; it times: ")]
    [InlineData("--mode|fast", "--mode 'fast' is not ci or full.")]
    // Words neither the suite nor BenchmarkDotNet takes: BenchmarkDotNet refused them only after the server, the seed, the results folder and the plans.
    [InlineData("--bogus-option", "BenchmarkDotNet, which takes the words the suite does not, refuses '--bogus-option': Option 'bogus-option' is unknown.")]
    [InlineData("--buffer-pol|64M", "refuses '--buffer-pol 64M': Option 'buffer-pol' is unknown.")]
    [InlineData("--filter|*Trade*|--job|nosuch", "The provided base job \"nosuch\" is invalid.")]
    [InlineData("--list|flat|--bogus", "Option 'bogus' is unknown.")]
    [InlineData("plan", "'plan' is neither a bench command (plans, gate, ci, ci-rates, probe, report, archive, statements) nor an option BenchmarkDotNet takes.")]
    [InlineData("bogus|--filter|*Trade*", "'bogus' is neither a bench command")]
    [InlineData("statements|--queries|typo", "--queries 'typo' matches no query the API runs; they are: trades_page/hot/1d, ")]
    [InlineData("statements|--queries|full_scan", "--queries 'full_scan' matches no query the API runs; ")]
    public async Task Bench_BadNumberOrList_OneLineNamingTheOption(string args, string message)
    {
        var runs = RunsFolderGroup.RunDirectories();

        var (code, error) = await RunBenchAsync(args);

        AssertUsageError(code, error, "bench", message);
        Assert.Equal(runs, RunsFolderGroup.RunDirectories());
    }

    [Fact]
    public async Task Bench_ReportFromEmptyMeasurements_UsageErrorNoReport()
    {
        var directory = Directory.CreateTempSubdirectory("perf-empty-measurements-");
        try
        {
            var file = Path.Combine(directory.FullName, "measurements.json");
            await File.WriteAllTextAsync(file, """{"measurements":[],"targets":{"p95Ms":200,"p99Ms":500}}""", TestContext.Current.CancellationToken);
            var results = Path.Combine(directory.FullName, "out");

            var (code, error) = await RunBenchAsync($"report|--measurements|{file}|--results|{results}");

            AssertUsageError(code, error, "bench", "holds no measurements: there is no report to render.");
            Assert.False(Directory.Exists(results));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>A measurements file that parses but holds what no sweep writes: a null item was a NullReferenceException after the results folder was made; the others rendered a report of nonsense.</summary>
    /// <param name="list">The measurements list, <c>@</c> standing for <see cref="Measurement"/> with <paramref name="find"/> replaced by <paramref name="replace"/>.</param>
    [Theory]
    [InlineData("[null]", "", "", "is not a sweep's measurements.json: the list item at $.measurements[0] is null.")]
    [InlineData("[@]", "\"indexesUsed\":[]", "\"indexesUsed\":[null]", "is not a sweep's measurements.json: the list item at $.measurements[0].queries[0].indexesUsed[0] is null.")]
    [InlineData("[@]", "\"Basic\"", "7", "could not be converted to Perf.Analysis.Capacity.VariantMeasurement. Path: $.measurements[0].variant")]
    [InlineData("[@]", "\"p95Ms\":2", "\"p95Ms\":\"NaN\"", "cannot be reported: q on Basic at 1000 rows has a latency that is not a number of milliseconds ≥ 0.")]
    [InlineData("[@]", "\"tradeRows\":1000", "\"tradeRows\":0", "cannot be reported: a measurement of Basic holds 0 trade rows.")]
    [InlineData("[@]", "\"rowsExamined\":1", "\"rowsExamined\":-1", "cannot be reported: q on Basic at 1000 rows examined -1 rows.")]
    [InlineData("[@]", "\"p95Ms\":500", "\"p95Ms\":0", "cannot be reported: its latency targets must be positive milliseconds; they are p95 0 and p99 1000.")]
    [InlineData("[@,@]", "", "", "cannot be reported: it measures Basic at 1000 rows 2 times.")]
    [InlineData("[@]", "\"dataBytes\":1", "\"dataBytes\":-1", "cannot be reported: Basic at 1000 rows records dataBytes -1, not a number ≥ 0.")]
    [InlineData("[@]", "\"seedSeconds\":1", "\"seedSeconds\":-3", "cannot be reported: Basic at 1000 rows records seedSeconds -3, not a number ≥ 0.")]
    [InlineData("[@]", "\"capacityRps\":null", "\"capacityRps\":-5", "cannot be reported: Basic at 1000 rows records capacityRps -5, not a number ≥ 0.")]
    [InlineData("[@]", "\"queries\":[{\"query\":\"q\",\"p50Ms\":1,\"p95Ms\":2,\"p99Ms\":3,\"rowsExamined\":1,\"indexesUsed\":[]}]", "\"queries\":[]", "cannot be reported: a measurement of Basic at 1000 rows holds no queries.")]
    [InlineData("[@]", "\"indexesUsed\":[]}", "\"indexesUsed\":[],\"roundsMs\":[[1,2],[]]}", "cannot be reported: q on Basic at 1000 rows has a round of no executions.")]
    [InlineData("[@]", "\"indexesUsed\":[]}", "\"indexesUsed\":[]},{\"query\":\"q\",\"p50Ms\":1,\"p95Ms\":2,\"p99Ms\":3,\"rowsExamined\":1,\"indexesUsed\":[]}", "cannot be reported: Basic at 1000 rows measures q 2 times.")]
    public async Task Bench_ReportFromNonsenseMeasurements_UsageErrorNoReport(string list, string find, string replace, string message)
    {
        var directory = Directory.CreateTempSubdirectory("perf-bad-measurements-");
        try
        {
            var file = Path.Combine(directory.FullName, "measurements.json");
            var json = "{\"measurements\":" + list.Replace("@", Measurement, StringComparison.Ordinal) + ""","targets":{"p95Ms":500,"p99Ms":1000}}""";
            await File.WriteAllTextAsync(file, find.Length == 0 ? json : json.Replace(find, replace, StringComparison.Ordinal), TestContext.Current.CancellationToken);
            var results = Path.Combine(directory.FullName, "out");

            var (code, error) = await RunBenchAsync($"report|--measurements|{file}|--results|{results}");

            AssertUsageError(code, error, "bench", $"--measurements: {file} ");
            Assert.Contains(message, error, StringComparison.Ordinal);
            Assert.False(Directory.Exists(results));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("run|--rate|Infinity", "--rate takes a finite number; got 'Infinity'.")]
    [InlineData("run|--rate|1e308", "--rate must be at most 1,000,000 requests/s")]
    [InlineData("run|--rate|abc", "--rate takes a number (e.g. 20, 0.5, 1e3); got 'abc'.")]
    [InlineData("run|--seed|abc", "--seed takes a whole number up to 2147483647; got 'abc'.")]
    [InlineData("run|--hot-share|NaN", "--hot-share takes a finite number; got 'NaN'.")]
    [InlineData("run|--cached-share|2", "--cached-share must be in [0, 1]; got 2.")]
    [InlineData("run|--min-rate-ratio|-5", "--min-rate-ratio must be in (0, 1]")]
    [InlineData("run|--min-rate-ratio|7", "--min-rate-ratio must be in (0, 1]")]
    [InlineData("run|--min-rate-ratio|NaN", "--min-rate-ratio takes a finite number")]
    [InlineData("run|--client|curl", "--client 'curl' is not raw or httpclient.")]
    [InlineData("run|--profiles|1-3000000000", "--profiles '1-3000000000' must start at 1 or above and span at most")]
    [InlineData("capacity|--max-rate|NaN", "--max-rate takes a finite number; got 'NaN'.")]
    [InlineData("capacity|--max-rate|Infinity", "--max-rate takes a finite number; got 'Infinity'.")]
    [InlineData("capacity|--step|0", "--step must be greater than 0")]
    [InlineData("run|--threshold|p(100)<5", "percentile '100' must be a number strictly between 0 and 100")]
    [InlineData("run|--anchor|04/03/2026", "--anchor '04/03/2026' is not an ISO 8601 time")]
    [InlineData("check|--concurrency|4", "check judges P95/P99 from the intended send time, which only an open model has")]
    [InlineData("run|--stages|10->2e6:10s", "Stage '10->2e6:10s' rate must be at most 1,000,000 requests/s")]
    [InlineData("run|--stages|1e300:10s", "Stage '1e300:10s' rate must be at most 1,000,000 requests/s")]
    [InlineData("run|--stages|10:10s|--duration|60s", "--duration does not apply to --stages")]
    [InlineData("run|--concurrency|4|--poisson", "--poisson applies to the open model (--rate or --stages); the closed model (--concurrency) has no arrival schedule.")]
    [InlineData("run|--concurrency|4|--max-in-flight|10", "--max-in-flight applies to the open model")]
    [InlineData("run|--concurrency|4|--max-send-lag|100ms", "--max-send-lag applies to the open model")]
    [InlineData("run|--concurrency|4|--min-rate-ratio|0.5", "--min-rate-ratio applies to the open model")]
    // A closed model's latency is service time: it passed the default P95/P99 on a server that stalled.
    [InlineData("run|--concurrency|4|--threshold|p(95)<500", "--threshold 'p(95)<500' judges latency, which a closed model (--concurrency) hides: its workers wait out a stall instead of sending into it. Judge latency with --rate or --stages")]
    [InlineData("run|--concurrency|4|--threshold|http_req_failed<0.01|--threshold|avg<200", "--threshold 'avg<200' judges latency")]
    [InlineData("capacity|--threshold|p(NaN)<5", "percentile 'NaN' must be a number strictly between 0 and 100")]
    // Infinite: a weight made the other scenarios' shares NaN, a limit made a threshold that always passes.
    [InlineData("run|--scenario|healthz=Infinity|--scenario|trades", "Scenario 'healthz=Infinity': the weight after '=' must be a positive finite number.")]
    [InlineData("run|--threshold|p(95)<1e400", "limit '1e400' is not a non-negative number")]
    // 'errors<5' meant as 5 %: a limit no run can miss.
    [InlineData("run|--threshold|errors<5", "a failure rate's limit is a fraction of 1 or a percentage ('0.05' or '5%'), and '5' is more than all requests")]
    [InlineData("capacity|--threshold|http_req_failed<=101%", "and '101%' is more than all requests")]
    [InlineData("check|--url|http://127.0.0.1:9|--no-default-thresholds", "check passes or fails the run by its thresholds, and there are none")]
    public async Task Load_BadNumber_OneLineNamingTheOption(string args, string message)
    {
        var (code, error) = await RunLoadAsync(args.Replace("run|", "run|--url|http://127.0.0.1:9|", StringComparison.Ordinal).Replace("capacity|", "capacity|--url|http://127.0.0.1:9|", StringComparison.Ordinal));

        AssertUsageError(code, error, "load", message);
    }

    /// <summary>An anchor whose windows reach before 1970 threw in the middle of the run (0001-01-01), and one after 9000 sent requests the API refuses (run here for 1 s into a folder it must not make, so old code stops).</summary>
    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("1970-06-30T23:59:59Z")]
    [InlineData("9001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59Z")]
    public async Task Load_AnchorOutsideTheApisYears_UsageErrorNothingWritten(string anchor)
    {
        var results = Path.Combine(Path.GetTempPath(), "perf-anchor-" + Guid.NewGuid().ToString("N"));

        var (code, error) = await RunLoadAsync($"run|--url|http://127.0.0.1:9|--duration|1s|--warmup|0s|--results|{results}|--anchor|{anchor}");

        AssertUsageError(code, error, "load", $"--anchor '{anchor}' must fall from 1970-07-01T00:00:00Z to the end of 9000: the API takes times in 1970–9000, and the traffic's windows start up to 181 days before the anchor.");
        Assert.False(Directory.Exists(results));
    }

    [Theory]
    [InlineData("1970-07-01T00:00:00Z")]
    [InlineData("9000-12-31T23:59:59Z")]
    public void Load_AnchorAtTheEdgesOfTheApisYears_EveryWindowInThem(string anchor)
    {
        Assert.True(QueryRules.TryParseIsoInstant(anchor, out var utc));
        var options = TrafficOptions.Default with { Anchor = new DateTimeOffset(utc) };
        var random = new Random(1);
        for (var i = 0; i < 1000; i++)
        {
            var window = QueryWindow.Pick(options, random);
            Assert.InRange(window.Start.Year, QueryRules.EarliestYear, QueryRules.LatestYear);
            Assert.InRange(window.End.Year, QueryRules.EarliestYear, QueryRules.LatestYear);
        }
    }

    [Theory]
    [InlineData("archive|--chunk-size|0", "--chunk-size '0' must be a whole number from 1 to 100000.")]
    [InlineData("archive|--chunk-size|-5", "--chunk-size '-5' must be a whole number from 1 to 100000.")]
    [InlineData("archive|--chunk-size|100001", "--chunk-size '100001' must be a whole number from 1 to 100000.")]
    [InlineData("archive|--pause-ms|60001", "--pause-ms '60001' must be a whole number from 0 to 60000.")]
    public async Task Jobs_ChunkSizeOutOfRange_OneMessageNamingTheOption(string args, string message)
    {
        var root = new JobsCommandLine(_ => null).Create((_, _) => Task.FromResult(ExitCodes.Success));
        using var error = new StringWriter();

        var code = await CommandLineRunner.RunAsync(root, [.. args.Split('|'), "--mysql", NoServer], TextWriter.Null, error, TestContext.Current.CancellationToken);

        AssertUsageError(code, error.ToString(), "Telemetry.Jobs", message);
    }

    [Fact]
    public async Task Bench_ArchiveChunkSizeZero_SameMessageAsJobs()
    {
        var (code, error) = await RunBenchAsync("archive|--chunk-size|0");

        AssertUsageError(code, error, "bench", "--chunk-size '0' must be a whole number from 1 to 100000.");
    }

    [Fact]
    public void ResultsCannotWrite_UnwritableFolder_SaysTheFolderNotTheProbe()
    {
        Assert.SkipWhen(!Directory.Exists("/proc"), "needs /proc");

        var problem = Perf.Harness.Results.ResultWriter.CannotWrite("/proc/x");

        Assert.StartsWith("the folder /proc cannot be written", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("perf-write-check", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/tmp/x")]
    [InlineData("ftp://example.com/")]
    public void Jobs_ApiNotHttp_UsageError(string api)
    {
        var error = Assert.Throws<UsageException>(() => JobsCommandLine.Parse(["monitor", "--mysql", "Server=x", "--api", api], _ => null));

        Assert.Equal($"--api '{api}' is not an absolute http:// or https:// URL.", error.Message);
    }

    [Theory]
    [InlineData("archive|--api|/tmp/x", "--api '/tmp/x' is not an absolute http:// or https:// URL.")]
    [InlineData("archive|--api|http://127.0.0.1:9", "--api reads one API, which serves one bench database: give --variant composite or --variant partitioned")]
    [InlineData("archive|--api|http://127.0.0.1:9|--variant|both", "--api reads one API, which serves one bench database")]
    [InlineData("probe|--serve|--out|x.json|--slowdown|x*abc", "--slowdown 'x*abc' must be CASE or CASE*N")]
    [InlineData("probe|--serve|--out|x.json|--slowdown|x*0", "--slowdown 'x*0' must be CASE or CASE*N")]
    [InlineData("probe|--serve|--out|/proc/probe/x.json", "--out: cannot write /proc/probe/x.json: the folder /proc cannot be written")]
    public async Task Bench_ApiOrSlowdownMalformed_UsageErrorBeforeAnyWork(string args, string message)
    {
        var runs = RunsFolderGroup.RunDirectories();

        var (code, error) = await RunBenchAsync(args);

        AssertUsageError(code, error, "bench", message);
        Assert.Equal(runs, RunsFolderGroup.RunDirectories());
    }

    /// <summary><c>./perf run</c> hands its options to four tools: one that not all take failed in the first without it, after the seed before it (<c>--preset medium</c> seeded 10M trades, then <c>bench gate</c> refused it; the README's <c>--redis</c> failed in the seeder).</summary>
    [Theory]
    [InlineData("--bogus", "./perf run takes --mysql, --mysql-datadir and --redis; got '--bogus'")]
    [InlineData("--mysql", "--mysql needs a value.")]
    public async Task PerfScript_RunWithAnOptionNotEveryToolTakes_RefusedBeforeAnyTool(string argument, string message)
    {
        var (code, error, output) = await RunPerfScriptAsync(["run", argument], preset: null);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.StartsWith($"perf: error: {message}", Assert.Single(error.TrimEnd().Split('\n')), StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
    }

    /// <summary>An unknown command exited 2, and a PERF_PRESET the seeder does not know was found only after deps (which may apt-get) and a build.</summary>
    [Theory]
    [InlineData("nosuch", "", "no command 'nosuch'; usage: ./perf [run|test|ci|report|deps] [options]")]
    [InlineData("run", "huge", "PERF_PRESET must be small, medium or large; got 'huge'.")]
    public async Task PerfScript_UnknownCommandOrPreset_RefusedBeforeAnything(string command, string preset, string message)
    {
        var (code, error, output) = await RunPerfScriptAsync([command], preset);

        Assert.Equal(ExitCodes.UsageError, code);
        Assert.Equal($"perf: error: {message}", Assert.Single(error.TrimEnd().Split('\n')));
        Assert.Equal(string.Empty, output);
    }

    /// <summary>Runs the repository's <c>./perf</c> with <paramref name="words"/>, and <c>PERF_PRESET</c> set to <paramref name="preset"/> when given.</summary>
    private static async Task<(int Code, string Error, string Output)> RunPerfScriptAsync(IEnumerable<string> words, string? preset)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = RepositoryPaths.FindRoot(), RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("perf");
        foreach (var word in words)
        {
            start.ArgumentList.Add(word);
        }

        if (preset is not null)
        {
            start.Environment["PERF_PRESET"] = preset;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await error, await output);
    }

    /// <summary>Exit 104, then exactly the one error line naming <paramref name="message"/> and the help hint.</summary>
    internal static void AssertUsageError(int code, string error, string tool, string message)
    {
        Assert.Equal(ExitCodes.UsageError, code);
        var lines = error.TrimEnd().Split(Environment.NewLine);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"{tool}: error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(message, lines[0], StringComparison.Ordinal);
        Assert.Matches($"^Run '{tool}( [a-z-]+)* --help' for usage\\.$", lines[1]);
    }

    internal static async Task<(int Code, string Error)> RunBenchAsync(string args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] arguments = [.. args.Split('|')];
        if (!arguments.Contains("--mysql"))
        {
            arguments = [.. arguments, "--mysql", NoServer];
        }

        var code = await BenchCli.RunAsync(arguments, output, error, TestContext.Current.CancellationToken);
        return (code, error.ToString());
    }

    internal static async Task<(int Code, string Error)> RunLoadAsync(string args)
    {
        var console = new TestConsole();
        using var error = new StringWriter();
        var code = await CommandLineRunner.RunAsync(CreateLoad(console), args.Split('|'), console.Profile.Out.Writer, error, TestContext.Current.CancellationToken);
        return (code, error.ToString());
    }

    private static Command CreateLoad(TestConsole console) => LoadCli.Create(new LoadContext(console, NoLocalServer, [], new HarnessOptions()));
}
