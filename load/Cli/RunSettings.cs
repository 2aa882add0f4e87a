using Perf.Load.Execution;
using Perf.Load.Model;
using Perf.Load.Scenarios;
using Perf.Load.Thresholds;

namespace Perf.Load.Cli;

/// <summary>A run's settings as read from the command line, before the target exists.</summary>
/// <param name="Url">Target base URL, or null for the in-process API.</param>
/// <param name="Scenarios">Scenario names and weights.</param>
/// <param name="Traffic">Dashboard traffic shape.</param>
/// <param name="Profile">Load model and stages.</param>
/// <param name="RequestTimeout">Per-request timeout.</param>
/// <param name="GracefulStop">Time open requests get at the end before counting as timeouts.</param>
/// <param name="MaxInFlight">Open-model in-flight limit.</param>
/// <param name="MaxConnections">Requests on the wire at once (0 = unlimited).</param>
/// <param name="Seed">Random seed.</param>
/// <param name="Validity">Generator validity criteria.</param>
/// <param name="Thresholds">Thresholds to evaluate.</param>
/// <param name="OutputDirectory">Explicit results directory, or null for <c>results/runs/STAMP-NAME</c>.</param>
/// <param name="Label">Optional run label.</param>
/// <param name="Html">Write the HTML report.</param>
/// <param name="Quiet">No live progress.</param>
/// <param name="InProcess">How to host the API when <paramref name="Url"/> is null.</param>
/// <param name="ExplicitProfiles">True when <c>--profiles</c> was given (else the seeded data decides).</param>
/// <param name="ExplicitAnchor">True when <c>--anchor</c> was given (else the newest seeded trade decides).</param>
/// <param name="Arguments">The command line, recorded (redacted) in the manifest.</param>
/// <param name="Client">Which HTTP client sends the load.</param>
/// <param name="ExplicitScripts">True when <c>--scripts</c> was given (else the seeded health rows decide).</param>
/// <param name="RestartDatabaseAt">When into the measured period to restart the in-process API's database (a fault), or null.</param>
internal sealed record RunSettings(
    Uri? Url,
    IReadOnlyList<(string Name, double Weight)> Scenarios,
    TrafficOptions Traffic,
    LoadProfile Profile,
    TimeSpan RequestTimeout,
    TimeSpan GracefulStop,
    long MaxInFlight,
    int MaxConnections,
    int Seed,
    ValidityCriteria Validity,
    IReadOnlyList<Threshold> Thresholds,
    string? OutputDirectory,
    string? Label,
    bool Html,
    bool Quiet,
    InProcessOptions? InProcess = null,
    bool ExplicitProfiles = false,
    bool ExplicitAnchor = false,
    IReadOnlyList<string>? Arguments = null,
    bool ExplicitScripts = false,
    LoadClient Client = LoadClient.Raw,
    TimeSpan? RestartDatabaseAt = null)
{
    /// <summary>Settings for a programmatic run (calibration, tests): default traffic, no thresholds, no reports, quiet.</summary>
    public static RunSettings Create(Uri url, string scenario, LoadProfile profile, int maxConnections = 0) =>
        new(
            url,
            [(scenario, 1)],
            TrafficOptions.Default,
            profile,
            TimeSpan.FromSeconds(30),
            TimeSpan.FromSeconds(5),
            20_000,
            maxConnections,
            1,
            ValidityCriteria.Default,
            [],
            null,
            null,
            Html: false,
            Quiet: true);

    /// <summary>The scenario mix for these settings.</summary>
    public ScenarioMix CreateMix(TrafficOptions traffic) =>
        new([.. Scenarios.Select(s => (ScenarioCatalog.Create(s.Name, traffic).Bind(null, RequestTimeout), s.Weight))]);

    /// <summary>The traffic shape for a target: profiles and anchor come from its seeded data unless given explicitly.</summary>
    public TrafficOptions TrafficFor(LoadTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.DataTraffic is not { } data)
        {
            return Traffic;
        }

        var traffic = Traffic;
        if (!ExplicitProfiles)
        {
            traffic = traffic with { FirstProfileId = data.FirstProfileId, ProfileCount = data.ProfileCount, HotProfileCount = Math.Min(traffic.HotProfileCount, data.ProfileCount) };
        }

        if (!ExplicitScripts)
        {
            traffic = traffic with { Scripts = data.Scripts };
        }

        return ExplicitAnchor ? traffic : traffic with { Anchor = data.Anchor };
    }

    /// <summary>The same settings with a different load profile (capacity search steps).</summary>
    public RunSettings WithProfile(LoadProfile profile) => this with { Profile = profile };
}
