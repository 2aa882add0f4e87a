using System.Globalization;
using Perf.Harness.Provisioning;
using Perf.Load.Execution;
using Perf.Load.Model;
using Perf.Load.Scenarios;
using Perf.Load.Thresholds;
using Telemetry.Data.Schema;

namespace Perf.Load.Cli;

/// <summary>Reads the options shared by <c>run</c> and <c>capacity</c>.</summary>
internal static class RunSettingsParser
{
    /// <summary>Flags (options without a value) of run, capacity and calibrate.</summary>
    public static IReadOnlySet<string> Flags { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "poisson", "no-default-thresholds", "no-html", "quiet", "help", "no-cache", "no-pin",
    };

    /// <summary>Parses everything but the load shape when <paramref name="requireLoad"/> is false (capacity builds its own).</summary>
    public static RunSettings Parse(CommandArguments args, bool requireLoad, ProvisioningOptions? provisioning = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var variantText = args.Get("variant") ?? nameof(SchemaVariant.Composite);
        if (!Enum.TryParse<SchemaVariant>(variantText, ignoreCase: true, out var variant) || !Enum.IsDefined(variant))
        {
            throw new ConfigurationException($"--variant '{variantText}' is not one of {string.Join(", ", Enum.GetNames<SchemaVariant>().Select(n => n.ToLowerInvariant()))}.");
        }

        var prefix = args.Get("db-prefix") ?? VariantDatabase.DefaultPrefix;
        var inProcess = new InProcessOptions(variant, prefix, !args.Has("no-cache"), provisioning ?? new ProvisioningOptions());
        var url = ParseUrl(args.Get("url"));
        var scenarios = ParseScenarios(args.GetAll("scenario"));
        var traffic = ParseTraffic(args);
        var profile = requireLoad ? ParseProfile(args) : LoadProfile.ConstantRate(1, TimeSpan.FromSeconds(1));
        var timeout = Positive(args.GetDuration("timeout", TimeSpan.FromSeconds(30)), "--timeout");
        var graceful = args.GetDuration("graceful-stop", TimeSpan.FromSeconds(5));
        var maxInFlight = args.GetInt("max-in-flight", 20_000);
        if (maxInFlight <= 0)
        {
            throw new ConfigurationException("--max-in-flight must be positive.");
        }

        var validity = new ValidityCriteria(
            args.GetDuration("late-threshold", ValidityCriteria.Default.LateThreshold),
            Positive(args.GetDuration("max-send-lag", ValidityCriteria.Default.MaxSendLagP99), "--max-send-lag"),
            args.GetDouble("min-rate-ratio", ValidityCriteria.Default.MinAchievedRateRatio));
        var thresholds = new List<Threshold>();
        if (!args.Has("no-default-thresholds"))
        {
            thresholds.AddRange(Threshold.Defaults);
        }

        thresholds.AddRange(args.GetAll("threshold", splitCommas: false).Select(ThresholdParser.Parse));
        return new RunSettings(
            url,
            scenarios,
            traffic,
            profile,
            timeout,
            graceful,
            maxInFlight,
            NonNegative(args.GetInt("connections", 0), "--connections"),
            args.GetInt("seed", 1),
            validity,
            thresholds,
            args.Get("out") ?? args.Get("results"),
            args.Get("label"),
            !args.Has("no-html"),
            args.Has("quiet"),
            inProcess,
            args.Has("profiles"),
            args.Has("anchor"),
            args.Arguments,
            args.Has("scripts"),
            ParseClient(args.Get("client")));
    }

    /// <summary>Parses an absolute http(s) URL.</summary>
    public static Uri? ParseUrl(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ConfigurationException($"--url '{text}' is not an absolute http:// or https:// URL.");
        }

        return uri.AbsolutePath.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    /// <summary>Parses the open or closed load shape: <c>--rate</c>, <c>--stages</c> or <c>--concurrency</c>.</summary>
    public static LoadProfile ParseProfile(CommandArguments args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var warmup = args.GetDuration("warmup", TimeSpan.FromSeconds(3));
        var poisson = args.Has("poisson");
        var hasRate = args.Has("rate");
        var hasStages = args.Has("stages");
        var hasConcurrency = args.Has("concurrency");
        if ((hasRate ? 1 : 0) + (hasStages ? 1 : 0) + (hasConcurrency ? 1 : 0) > 1)
        {
            throw new ConfigurationException("Give one of --rate (open model), --stages (open model, ramping) or --concurrency (closed model).");
        }

        if (hasConcurrency)
        {
            var concurrency = args.GetInt("concurrency", 0);
            if (concurrency <= 0)
            {
                throw new ConfigurationException($"--concurrency must be at least 1, got {concurrency}.");
            }

            return LoadProfile.Closed(concurrency, Positive(args.GetDuration("duration", TimeSpan.FromSeconds(30)), "--duration"), warmup);
        }

        if (hasStages)
        {
            var stages = ParseStages(args.Get("stages")!);
            return new LoadProfile(LoadModelKind.Open, warmup, stages, poisson, 0, TimeSpan.Zero);
        }

        var rate = args.GetDouble("rate", 10);
        PositiveRate(rate, "--rate");
        var duration = Positive(args.GetDuration("duration", TimeSpan.FromSeconds(30)), "--duration");
        return LoadProfile.ConstantRate(rate, duration, warmup, poisson);
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
                throw new ConfigurationException($"Stage '{part}' must look like 50:30s or 10->100:1m.");
            }

            var duration = Positive(DurationText.Parse(part[(colon + 1)..], $"stage '{part}' duration"), $"stage '{part}' duration");
            var rates = part[..colon].Split("->", StringSplitOptions.TrimEntries);
            var from = ParseRate(rates[0], part);
            var to = rates.Length == 2 ? ParseRate(rates[1], part) : from;
            if (rates.Length > 2 || (from <= 0 && to <= 0))
            {
                throw new ConfigurationException($"Stage '{part}': the rate must be positive.");
            }

            stages.Add(new LoadStage(from, to, duration));
        }

        return stages.Count == 0 ? throw new ConfigurationException("--stages is empty.") : stages;
    }

    /// <summary>Fails unless the rate is a positive number.</summary>
    public static void PositiveRate(double rate, string what)
    {
        if (!(rate > 0))
        {
            throw new ConfigurationException($"{what} must be greater than 0 requests/s, got {rate.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    private static double ParseRate(string text, string part) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var rate) && rate >= 0 && double.IsFinite(rate)
            ? rate
            : throw new ConfigurationException($"Stage '{part}': '{text}' is not a rate.");

    private static LoadClient ParseClient(string? text) => text switch
    {
        null or "raw" => LoadClient.Raw,
        "httpclient" => LoadClient.HttpClient,
        _ => throw new ConfigurationException($"--client '{text}' must be raw or httpclient."),
    };

    private static int NonNegative(int value, string what) =>
        value >= 0 ? value : throw new ConfigurationException($"{what} must not be negative.");

    private static TimeSpan Positive(TimeSpan value, string what) =>
        value > TimeSpan.Zero ? value : throw new ConfigurationException($"{what} must be greater than zero.");

    private static List<(string Name, double Weight)> ParseScenarios(IReadOnlyList<string> specs)
    {
        if (specs.Count == 0)
        {
            return [(DashboardScenario.ScenarioName, 1)];
        }

        var result = new List<(string, double)>();
        foreach (var spec in specs)
        {
            var equals = spec.LastIndexOf('=');
            var name = equals > 0 ? spec[..equals] : spec;
            var weight = 1.0;
            if (equals > 0 && (!double.TryParse(spec[(equals + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out weight) || !(weight > 0)))
            {
                throw new ConfigurationException($"Scenario '{spec}': the weight after '=' must be a positive number.");
            }

            _ = ScenarioCatalog.Create(name, TrafficOptions.Default);
            result.Add((name, weight));
        }

        return result;
    }

    private static TrafficOptions ParseTraffic(CommandArguments args)
    {
        var d = TrafficOptions.Default;
        var (first, count) = (d.FirstProfileId, d.ProfileCount);
        if (args.Get("profiles") is { } profiles)
        {
            var parts = profiles.Split('-', StringSplitOptions.TrimEntries);
            if (parts.Length != 2
                || !long.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out first)
                || !long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var last)
                || last < first)
            {
                throw new ConfigurationException($"--profiles '{profiles}' must look like 1-50.");
            }

            count = (int)(last - first + 1);
        }

        var anchor = d.Anchor;
        if (args.Get("anchor") is { } anchorText
            && !DateTimeOffset.TryParse(anchorText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out anchor))
        {
            throw new ConfigurationException($"--anchor '{anchorText}' is not an ISO 8601 time.");
        }

        var traffic = new TrafficOptions(
            first,
            count,
            Math.Min(args.GetInt("hot-profiles", Math.Min(d.HotProfileCount, count)), count),
            args.GetDouble("hot-share", d.HotShare),
            args.GetDouble("cached-share", d.CachedShare),
            anchor,
            args.GetInt("page-size", d.PageSize),
            args.GetInt("max-pages", d.MaxPages),
            args.GetAll("scripts") is { Count: > 0 } scripts ? scripts : d.Scripts);
        if (traffic.HotShare is < 0 or > 1 || traffic.CachedShare is < 0 or > 1 || traffic.PageSize <= 0 || traffic.MaxPages <= 0 || traffic.HotProfileCount < 0)
        {
            throw new ConfigurationException("--hot-share and --cached-share must be in [0, 1]; --page-size, --max-pages positive.");
        }

        return traffic;
    }
}
