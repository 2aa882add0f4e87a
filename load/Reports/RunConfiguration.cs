using System.Globalization;

namespace Perf.Load.Reports;

/// <summary>How a run was configured, as recorded in its summary; runs being merged must match on <see cref="Fingerprint"/>.</summary>
/// <param name="Target">Base URL or <c>in-process</c>.</param>
/// <param name="Scenarios">Scenario mix, e.g. <c>dashboard:1</c>.</param>
/// <param name="Model">open or closed.</param>
/// <param name="Load">Human description of the load shape.</param>
/// <param name="TargetRate">Mean target rate (open model).</param>
/// <param name="Concurrency">Workers (closed model).</param>
/// <param name="Connections">Connection limit (0 = unlimited).</param>
/// <param name="DurationSeconds">Measured duration.</param>
/// <param name="WarmupSeconds">Warm-up duration.</param>
/// <param name="Poisson">Poisson arrivals.</param>
/// <param name="TimeoutSeconds">Request timeout.</param>
/// <param name="Seed">Random seed.</param>
/// <param name="Thresholds">Thresholds as given.</param>
/// <param name="Label">Optional free text naming the run (schema variant, machine).</param>
internal sealed record RunConfiguration(
    string Target,
    string Scenarios,
    string Model,
    string Load,
    double TargetRate,
    int Concurrency,
    int Connections,
    double DurationSeconds,
    double WarmupSeconds,
    bool Poisson,
    double TimeoutSeconds,
    int Seed,
    IReadOnlyList<string> Thresholds,
    string? Label)
{
    /// <summary>What must be equal for runs to be merged: everything but target, seed and label.</summary>
    public string Fingerprint => string.Join(
        '|',
        Scenarios,
        Model,
        Load,
        Concurrency.ToString(CultureInfo.InvariantCulture),
        Connections.ToString(CultureInfo.InvariantCulture),
        DurationSeconds.ToString("0.###", CultureInfo.InvariantCulture),
        Poisson ? "poisson" : "even",
        string.Join(';', Thresholds));
}
