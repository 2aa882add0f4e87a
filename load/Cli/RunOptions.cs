using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Perf.Analysis.Capacity;
using Perf.Harness.CommandLine;
using Perf.Harness.Provisioning;
using Perf.Load.Execution;
using Perf.Load.Model;
using Perf.Load.Scenarios;
using Perf.Load.Thresholds;
using Telemetry.CommandLine;
using Telemetry.Data.Queries;

namespace Perf.Load.Cli;

/// <summary>The options of <c>run</c>, <c>check</c> and <c>capacity</c> (target, load, scenarios, thresholds, output), and how they become <see cref="RunSettings"/>.</summary>
internal sealed class RunOptions(HarnessOptions harness)
{
    /// <summary>The longest wait the runner's timers take: <see cref="HttpClient.Timeout"/> and a cancellation timer refuse more than <see cref="int.MaxValue"/> ms (about 24.8 days).</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromMilliseconds(int.MaxValue);

    /// <summary>The shared harness options (server, prefix, variant, results).</summary>
    public HarnessOptions Harness { get; } = harness;

    public Option<string?> Url { get; } = new("--url") { Description = "API base URL; without it the real API is hosted in-process over the provisioned server's seeded --variant database", HelpName = "url" };

    public Option<bool> NoCache { get; } = new("--no-cache") { Description = "in-process API: no response caching" };

    public Option<double?> Rate { get; } = new("--rate") { Description = "open model: N requests/s (default 20)", HelpName = "N" };

    public Option<string?> Stages { get; } = new("--stages") { Description = "open model stages, e.g. \"10:10s,10->200:60s,200:30s\"", HelpName = "stages" };

    public Option<int?> Concurrency { get; } = new("--concurrency") { Description = "closed model with N workers (diagnostics only: it hides stalls, so no latency thresholds)", HelpName = "N" };

    public Option<Duration> MeasuredDuration { get; } = Duration.Option("--duration", TimeSpan.FromSeconds(30), "measured duration");

    public Option<Duration> Warmup { get; } = Waited(Duration.Option("--warmup", TimeSpan.FromSeconds(3), "warm-up, not counted"));

    public Option<bool> Poisson { get; } = new("--poisson") { Description = "exponential inter-arrival times instead of even spacing" };

    /// <summary>Fault injection: restart the in-process API's database this far into the measured period.</summary>
    public Option<Duration> RestartDatabaseAt { get; } = Duration.Option("--restart-db-at", TimeSpan.Zero, "fault: restart the database under the in-process API this far into the measured period (a local server this run starts)");

    /// <summary>The database's cache state for an in-process run: warm, cold or constrained.</summary>
    public Option<CacheState> Cache { get; } = CreateCache();

    public Option<Duration> Timeout { get; } = Waited(Duration.Option("--timeout", TimeSpan.FromSeconds(30), "per-request timeout"));

    public Option<Duration> GracefulStop { get; } = Waited(Duration.Option("--graceful-stop", TimeSpan.FromSeconds(5), "time open requests get at the end before counting as timeouts"));

    public Option<int> MaxInFlight { get; } = new("--max-in-flight") { Description = "open-model in-flight limit", DefaultValueFactory = _ => 20_000, HelpName = "N" };

    public Option<int> Connections { get; } = new("--connections") { Description = "at most N requests on the wire (0 = unlimited); later arrivals wait, and the wait counts in the latency", HelpName = "N" };

    public Option<int> Seed { get; } = new("--seed") { Description = "random seed", DefaultValueFactory = _ => 1, HelpName = "N" };

    public Option<string> Client { get; } = CreateClient();

    public Option<Duration> MaxSendLag { get; } = Duration.Option("--max-send-lag", ValidityCriteria.Default.MaxSendLagP99, "the run is INVALID when dispatch-lag p99 exceeds it");

    public Option<Duration> LateThreshold { get; } = Duration.Option("--late-threshold", ValidityCriteria.Default.LateThreshold, "a send later than this counts as late");

    public Option<double> MinRateRatio { get; } = new("--min-rate-ratio") { Description = "the run is INVALID below this share of the target rate", DefaultValueFactory = _ => ValidityCriteria.Default.MinAchievedRateRatio, HelpName = "R" };

    public Option<string[]> Scenario { get; } = new("--scenario") { Description = "repeatable NAME[=WEIGHT]: dashboard (default), trades, trades-walk, summary, metrics, health, healthz, get:/PATH", HelpName = "name" };

    public Option<string?> Profiles { get; } = new("--profiles") { Description = "profile ids, e.g. 1-50 (default: the seeded ones)", HelpName = "first-last" };

    public Option<int?> HotProfiles { get; } = new("--hot-profiles") { Description = "profiles that get --hot-share of the traffic", HelpName = "N" };

    public Option<double?> HotShare { get; } = new("--hot-share") { Description = "share of traffic on the hot profiles (0-1)", HelpName = "R" };

    public Option<double?> CachedShare { get; } = new("--cached-share") { Description = "share of requests that repeat a cacheable view (0-1)", HelpName = "R" };

    public Option<string?> Anchor { get; } = new("--anchor") { Description = "ISO 8601 'now' of the traffic (default: the newest seeded trade)", HelpName = "time" };

    public Option<int?> PageSize { get; } = new("--page-size") { Description = "trade page size", HelpName = "N" };

    public Option<int?> MaxPages { get; } = new("--max-pages") { Description = "pages a pagination walk follows", HelpName = "N" };

    public Option<string[]> Scripts { get; } = new("--scripts") { Description = "health scripts, a,b (default: the seeded ones)", HelpName = "list" };

    public Option<string[]> ThresholdExpressions { get; } = CreateThreshold();

    public Option<bool> NoDefaultThresholds { get; } = new("--no-default-thresholds") { Description = "drop the defaults p(95)<500, p(99)<1000, http_req_failed<0.01" };

    public Option<string?> Label { get; } = new("--label") { Description = "run label", HelpName = "text" };

    public Option<bool> NoHtml { get; } = new("--no-html") { Description = "no report.html" };

    public Option<bool> Quiet { get; } = new("--quiet") { Description = "no live progress" };

    /// <summary>The repeatable <c>--threshold</c> option (also taken by <c>merge</c>).</summary>
    public static Option<string[]> CreateThreshold() =>
        new("--threshold") { Description = "repeatable, k6-like: \"p(99)<800\", \"trades:p(95)<300\", \"http_req_failed<0.01\", \"errors<0.5%\"", HelpName = "expr" };

    /// <summary>Adds every option to <paramref name="command"/>; <paramref name="load"/> false leaves out the load shape (capacity builds its own).</summary>
    public void AddTo(Command command, bool load)
    {
        ArgumentNullException.ThrowIfNull(command);
        Option[] target = [Url, Harness.Variant, Harness.Prefix, NoCache];
        Option[] shape = load ? [Rate, Stages, Concurrency, MeasuredDuration, Warmup, Poisson, RestartDatabaseAt, Cache, Harness.BufferPool] : [];
        Option[] rest =
        [
            Timeout, GracefulStop, MaxInFlight, Connections, Seed, Client, MaxSendLag, LateThreshold, MinRateRatio,
            Scenario, Profiles, HotProfiles, HotShare, CachedShare, Anchor, PageSize, MaxPages, Scripts,
            ThresholdExpressions, NoDefaultThresholds, Harness.Results, Label, NoHtml, Quiet,
        ];
        foreach (var option in target.Concat(shape).Concat(rest))
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Adds <c>--cache-state</c> and <c>--buffer-pool</c> to a command without a load shape (capacity searches under a cache state).</summary>
    public void AddCacheTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Cache);
        command.Options.Add(Harness.BufferPool);
    }

    /// <summary>True when <paramref name="option"/> was on the command line (not just defaulted).</summary>
    public static bool Given(ParseResult parse, Option option) => parse?.GetResult(option) is OptionResult { Implicit: false };

    /// <summary>Reads everything but the load shape when <paramref name="requireLoad"/> is false (capacity builds its own).</summary>
    /// <exception cref="UsageException">A value is out of range or contradicts another.</exception>
    public RunSettings Read(ParseResult parse, bool requireLoad, ProvisioningOptions provisioning, IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var url = ParseUrl(parse.GetValue(Url));
        // A command without a load shape takes the cache state only when it added the option (AddCacheTo).
        var (cache, pool) = requireLoad || parse.GetResult(Cache) is not null ? ReadCache(parse, url) : (CacheState.Warm, ServerRestart.DefaultConstrainedBufferPoolBytes);
        var inProcess = new InProcessOptions(parse.GetValue(Harness.Variant), parse.GetRequiredValue(Harness.Prefix), !parse.GetValue(NoCache), provisioning, cache, pool);
        var scenarios = ParseScenarios(parse.GetValue(Scenario));
        var traffic = ReadTraffic(parse);
        var profile = requireLoad ? ReadProfile(parse, cache) : LoadProfile.ConstantRate(1, TimeSpan.FromSeconds(1));
        var maxInFlight = parse.GetValue(MaxInFlight);
        if (maxInFlight <= 0)
        {
            throw new UsageException("--max-in-flight must be positive.");
        }

        var minRateRatio = parse.GetValue(MinRateRatio);
        if (!(minRateRatio is > 0 and <= 1))
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--min-rate-ratio must be in (0, 1], the share of the target rate a valid run reaches; got {minRateRatio}."));
        }

        var validity = new ValidityCriteria(
            parse.GetValue(LateThreshold),
            Positive(parse.GetValue(MaxSendLag), "--max-send-lag"),
            minRateRatio);
        // The defaults are the latency targets with an error rate beside them: a closed model cannot judge the targets, and
        // the error rate alone would print PASS for an SLO the run never checked.
        var closed = profile.Kind == LoadModelKind.Closed;
        var thresholds = new List<Threshold>();
        if (!parse.GetValue(NoDefaultThresholds) && !closed)
        {
            thresholds.AddRange(Threshold.Defaults);
        }

        thresholds.AddRange((parse.GetValue(ThresholdExpressions) ?? []).Select(ThresholdParser.Parse));
        if (closed && thresholds.FirstOrDefault(t => t.JudgesLatency) is { } latency)
        {
            throw new UsageException($"--threshold '{latency.Expression}' judges latency, which a closed model (--concurrency) hides: its workers wait out a stall instead of sending into it. Judge latency with --rate or --stages; with --concurrency, only failure and rate thresholds (http_req_failed, errors, http_reqs).");
        }

        return new RunSettings(
            url,
            scenarios,
            traffic,
            profile,
            Positive(parse.GetValue(Timeout), "--timeout"),
            parse.GetValue(GracefulStop),
            maxInFlight,
            NonNegative(parse.GetValue(Connections), "--connections"),
            parse.GetValue(Seed),
            validity,
            thresholds,
            parse.GetValue(Harness.Results),
            parse.GetValue(Label),
            !parse.GetValue(NoHtml),
            parse.GetValue(Quiet),
            inProcess,
            Given(parse, Profiles),
            Given(parse, Anchor),
            arguments,
            Given(parse, Scripts),
            parse.GetValue(Client) == "httpclient" ? LoadClient.HttpClient : LoadClient.Raw,
            requireLoad ? ReadRestart(parse, url, profile) : null);
    }

    /// <summary>The cache state and the constrained state's pool; cold and constrained restart the in-process API's server, so they need it.</summary>
    private (CacheState State, long PoolBytes) ReadCache(ParseResult parse, Uri? url)
    {
        var state = parse.GetValue(Cache);
        var name = state.ToString().ToLowerInvariant();
        if (Given(parse, Harness.BufferPool) && state != CacheState.Constrained)
        {
            throw new UsageException("--buffer-pool sizes the memory-constrained state's pool: give it with --cache-state constrained.");
        }

        if (state != CacheState.Warm && url is not null)
        {
            throw new UsageException($"--cache-state {name} restarts the in-process API's database; it cannot restart the one behind --url.");
        }

        if (state != CacheState.Warm && Given(parse, RestartDatabaseAt))
        {
            throw new UsageException($"--restart-db-at restarts the database with its usual settings, which would end --cache-state {name}: give one of them.");
        }

        return (state, Harness.ReadBufferPool(parse));
    }

    private static Option<CacheState> CreateCache()
    {
        var names = string.Join(", ", Enum.GetNames<CacheState>().Select(n => n.ToLowerInvariant()));
        return new Option<CacheState>("--cache-state")
        {
            Description = "in-process API: warm (the server as found, after the warm-up), cold (its local server restarted with an empty buffer pool and O_DIRECT, the OS page cache dropped where permitted; no warm-up) or constrained (restarted with a --buffer-pool pool); the report records the pool, the hit ratio and disk reads per request",
            HelpName = "state",
            DefaultValueFactory = _ => CacheState.Warm,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
                if (!text.All(char.IsAsciiDigit) && Enum.TryParse<CacheState>(text, ignoreCase: true, out var state))
                {
                    return state;
                }

                result.AddError($"--cache-state '{text}' is not one of {names}.");
                return default;
            },
        };
    }

    private TimeSpan? ReadRestart(ParseResult parse, Uri? url, LoadProfile profile)
    {
        if (!Given(parse, RestartDatabaseAt))
        {
            return null;
        }

        var at = (TimeSpan)parse.GetValue(RestartDatabaseAt);
        if (url is not null)
        {
            throw new UsageException("--restart-db-at restarts the database under the in-process API; it cannot restart the one behind --url.");
        }

        if (at <= TimeSpan.Zero || at >= profile.MeasuredDuration)
        {
            throw new UsageException($"--restart-db-at must fall inside the measured period (0 < at < {profile.MeasuredDuration.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s).");
        }

        // The restart waits the warm-up and then this on one timer, as the others wait theirs.
        if (profile.Warmup + at > LongestWait)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--warmup plus --restart-db-at is longer than the runner's timers can wait ({Math.Floor(LongestWait.TotalHours):0}h)."));
        }

        return at;
    }

    /// <summary>Parses an absolute http(s) URL.</summary>
    public static Uri? ParseUrl(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var uri = HttpUrl.Parse(text, "--url");
        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    /// <summary>Parses <c>RATE:DURATION</c> and <c>FROM-&gt;TO:DURATION</c> stages separated by commas.</summary>
    public static IReadOnlyList<LoadStage> ParseStages(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stages = new List<LoadStage>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.LastIndexOf(':');
            if (colon <= 0)
            {
                throw new UsageException($"Stage '{part}' must look like 50:30s or 10->100:1m.");
            }

            var duration = Positive(Duration.Parse(part[(colon + 1)..], $"stage '{part}' duration"), $"stage '{part}' duration");
            var rates = part[..colon].Split("->", StringSplitOptions.TrimEntries);
            var from = ParseRate(rates[0], part);
            var to = rates.Length == 2 ? ParseRate(rates[1], part) : from;
            if (rates.Length > 2 || (from <= 0 && to <= 0))
            {
                throw new UsageException($"Stage '{part}': the rate must be positive.");
            }

            stages.Add(new LoadStage(from, to, duration));
        }

        return stages.Count == 0 ? throw new UsageException("--stages is empty.") : stages;
    }

    /// <summary>The highest rate any option takes: far beyond what one generator sends, short of what breaks its arithmetic.</summary>
    public const double MaxRate = 1_000_000;

    /// <summary>Fails unless the rate is a positive number of at most <see cref="MaxRate"/>.</summary>
    public static void PositiveRate(double rate, string what)
    {
        if (!(rate > 0))
        {
            throw new UsageException($"{what} must be greater than 0 requests/s, got {rate.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (!(rate <= MaxRate))
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{what} must be at most {MaxRate:#,0} requests/s, got {rate}."));
        }
    }

    private static Option<string> CreateClient()
    {
        var client = new Option<string>("--client")
        {
            Description = "raw (default): minimal pooled HTTP/1.1 client; httpclient: .NET HttpClient (used for https URLs)",
            HelpName = "raw|httpclient",
            DefaultValueFactory = _ => "raw",
        };

        // Not AcceptOnlyFromAmong: its message takes a line per value.
        client.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is not ("raw" or "httpclient"))
            {
                result.AddError($"--client '{result.GetValueOrDefault<string>()}' is not raw or httpclient.");
            }
        });
        return client;
    }

    private static double ParseRate(string text, string part)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) || !(rate >= 0) || !double.IsFinite(rate))
        {
            throw new UsageException($"Stage '{part}': '{text}' is not a rate.");
        }

        if (rate > 0)
        {
            PositiveRate(rate, $"Stage '{part}' rate");
        }

        return rate;
    }

    private static int NonNegative(int value, string what) =>
        value >= 0 ? value : throw new UsageException($"{what} must not be negative.");

    private static TimeSpan Positive(TimeSpan value, string what) =>
        value > TimeSpan.Zero ? value : throw new UsageException($"{what} must be greater than zero.");

    /// <summary><paramref name="option"/>, refusing a duration over <see cref="LongestWait"/>: one passed, then threw in the HTTP client or a timer once the target was up.</summary>
    private static Option<Duration> Waited(Option<Duration> option)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && Duration.TryParse(result.Tokens[^1].Value, out var value) && value.Value > LongestWait)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} '{result.Tokens[^1].Value}' is longer than the runner's timers can wait ({Math.Floor(LongestWait.TotalHours):0}h)."));
            }
        });
        return option;
    }

    private static string[] Split(string[]? values) =>
        [.. (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    /// <summary>The scenarios <c>--scenario</c> names, each with its weight: comma lists split, but a <c>get:</c> path taken whole (its query string may hold commas, as in <c>symbols=A,B</c>, and '=').</summary>
    /// <exception cref="UsageException">An unknown scenario or a weight that is not a positive finite number.</exception>
    internal static List<(string Name, double Weight)> ParseScenarios(string[]? values)
    {
        string[] specs = [.. (values ?? []).SelectMany(v => v.TrimStart().StartsWith(ScenarioCatalog.GetPrefix, StringComparison.Ordinal) ? [v.Trim()] : Split([v]))];
        if (specs.Length == 0)
        {
            return [(ScenarioCatalog.Dashboard, 1)];
        }

        var result = new List<(string, double)>();
        foreach (var spec in specs)
        {
            var equals = WeightSeparator(spec);
            var name = equals > 0 ? spec[..equals] : spec;
            var weight = 1.0;
            if (equals > 0 && (!double.TryParse(spec[(equals + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out weight) || !(weight > 0) || !double.IsFinite(weight)))
            {
                throw new UsageException($"Scenario '{spec}': the weight after '=' must be a positive finite number.");
            }

            _ = ScenarioCatalog.Create(name, TrafficOptions.Default);
            result.Add((name, weight));
        }

        return result;
    }

    /// <summary>
    /// Where a scenario's <c>=WEIGHT</c> begins, or -1. In a <c>get:</c> path with a query string, an '=' is the weight's only
    /// when every parameter before it has its own value: <c>get:/t?limit=20</c> is a path, <c>get:/t?limit=20=3</c> that path
    /// weighted 3.
    /// </summary>
    private static int WeightSeparator(string spec)
    {
        var equals = spec.LastIndexOf('=');
        var query = spec.IndexOf('?', StringComparison.Ordinal);
        if (!spec.StartsWith(ScenarioCatalog.GetPrefix, StringComparison.Ordinal) || query < 0 || equals < query)
        {
            return equals;
        }

        return spec[(query + 1)..equals].Split('&').All(pair => pair.Contains('=', StringComparison.Ordinal)) ? equals : -1;
    }

    private LoadProfile ReadProfile(ParseResult parse, CacheState cache)
    {
        TimeSpan warmup = parse.GetValue(Warmup);
        if (cache == CacheState.Cold)
        {
            // A warm-up would warm the cache the run is to measure cold.
            warmup = !Given(parse, Warmup) || warmup == TimeSpan.Zero
                ? TimeSpan.Zero
                : throw new UsageException("--cache-state cold measures from the first request after the restart: a warm-up would warm the cache (leave --warmup out, or give 0s).");
        }

        var poisson = parse.GetValue(Poisson);
        var rate = parse.GetValue(Rate);
        var stages = parse.GetValue(Stages);
        var concurrency = parse.GetValue(Concurrency);
        if ((rate is null ? 0 : 1) + (stages is null ? 0 : 1) + (concurrency is null ? 0 : 1) > 1)
        {
            throw new UsageException("Give one of --rate (open model), --stages (open model, ramping) or --concurrency (closed model).");
        }

        if (concurrency is { } workers)
        {
            // These shape or judge an open model's schedule; a closed model has none, so it would read them and ignore them.
            foreach (var openOnly in new Option[] { Poisson, MaxInFlight, MaxSendLag, MinRateRatio })
            {
                if (Given(parse, openOnly))
                {
                    throw new UsageException($"{openOnly.Name} applies to the open model (--rate or --stages); the closed model (--concurrency) has no arrival schedule.");
                }
            }

            if (workers <= 0)
            {
                throw new UsageException($"--concurrency must be at least 1, got {workers}.");
            }

            return LoadProfile.Closed(workers, Positive(parse.GetValue(MeasuredDuration), "--duration"), warmup);
        }

        if (stages is not null)
        {
            if (Given(parse, MeasuredDuration))
            {
                throw new UsageException("--duration does not apply to --stages: the stages' durations make the measured period (e.g. 10->200:60s).");
            }

            return new LoadProfile(LoadModelKind.Open, warmup, ParseStages(stages), poisson, 0, TimeSpan.Zero);
        }

        // 20/s for the default 30 s is 600 requests: enough for the default p(99) threshold to be judged (it needs 368).
        PositiveRate(rate ?? 20, "--rate");
        return LoadProfile.ConstantRate(rate ?? 20, Positive(parse.GetValue(MeasuredDuration), "--duration"), warmup, poisson);
    }

    private TrafficOptions ReadTraffic(ParseResult parse)
    {
        var d = TrafficOptions.Default;
        var (first, count) = (d.FirstProfileId, d.ProfileCount);
        if (parse.GetValue(Profiles) is { } profiles)
        {
            var parts = profiles.Split('-', StringSplitOptions.TrimEntries);
            if (parts.Length != 2
                || !long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out first)
                || !long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var last)
                || last < first)
            {
                throw new UsageException($"--profiles '{profiles}' must look like 1-50.");
            }

            if (first < 1 || last - first + 1 > int.MaxValue)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--profiles '{profiles}' must start at 1 or above and span at most {int.MaxValue} profiles."));
            }

            count = (int)(last - first + 1);
        }

        var anchor = d.Anchor;
        if (parse.GetValue(Anchor) is { } anchorText)
        {
            // The API's own rule: a loose parse read "04/03/2026" as April 3 and "12:00" as today's noon.
            anchor = QueryRules.TryParseIsoInstant(anchorText, out var utc)
                ? new DateTimeOffset(utc)
                : throw new UsageException($"--anchor '{anchorText}' is not an ISO 8601 time (e.g. 2026-03-04T00:00:00Z).");

            // The API takes instants in its years alone, and a window starts up to QueryWindow.LongestLookBack before the anchor:
            // 0001-01-01 threw in the middle of the run, 9999-12-31 sent requests the API refuses.
            var earliest = new DateTimeOffset(QueryRules.EarliestYear, 1, 1, 0, 0, 0, TimeSpan.Zero) + QueryWindow.LongestLookBack;
            var latest = new DateTimeOffset(QueryRules.LatestYear + 1, 1, 1, 0, 0, 0, TimeSpan.Zero);
            if (anchor < earliest || anchor >= latest)
            {
                throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--anchor '{anchorText}' must fall from {earliest:yyyy-MM-dd'T'HH:mm:ss'Z'} to the end of {QueryRules.LatestYear}: the API takes times in {QueryRules.EarliestYear}–{QueryRules.LatestYear}, and the traffic's windows start up to {QueryWindow.LongestLookBack.TotalDays:0} days before the anchor."));
            }
        }

        var scripts = Split(parse.GetValue(Scripts));
        var traffic = new TrafficOptions(
            first,
            count,
            Math.Min(parse.GetValue(HotProfiles) ?? Math.Min(d.HotProfileCount, count), count),
            parse.GetValue(HotShare) ?? d.HotShare,
            parse.GetValue(CachedShare) ?? d.CachedShare,
            anchor,
            parse.GetValue(PageSize) ?? d.PageSize,
            parse.GetValue(MaxPages) ?? d.MaxPages,
            scripts.Length > 0 ? scripts : d.Scripts);
        var problem = traffic switch
        {
            { HotShare: not (>= 0 and <= 1) } => $"--hot-share must be in [0, 1]; got {traffic.HotShare.ToString(CultureInfo.InvariantCulture)}.",
            { CachedShare: not (>= 0 and <= 1) } => $"--cached-share must be in [0, 1]; got {traffic.CachedShare.ToString(CultureInfo.InvariantCulture)}.",
            { PageSize: <= 0 } => $"--page-size must be positive; got {traffic.PageSize.ToString(CultureInfo.InvariantCulture)}.",
            { MaxPages: <= 0 } => $"--max-pages must be positive; got {traffic.MaxPages.ToString(CultureInfo.InvariantCulture)}.",
            { HotProfileCount: < 0 } => $"--hot-profiles must not be negative; got {traffic.HotProfileCount.ToString(CultureInfo.InvariantCulture)}.",
            _ => null,
        };
        if (problem is not null)
        {
            throw new UsageException(problem);
        }

        return traffic;
    }
}
