namespace Perf.Load.Overhead;

/// <summary>What <c>load overhead</c> measured: each arm's capacity over the same rate steps, and per endpoint the latency of each arm at the first rate.</summary>
/// <param name="ComparedAtRate">The rate at which the endpoints' latencies are compared (the first step, which every arm ran).</param>
/// <param name="Arms">Each arm's capacity search.</param>
/// <param name="Endpoints">Per endpoint: each arm's latency at <paramref name="ComparedAtRate"/>.</param>
/// <param name="Ratio">The API's (cache off) capacity over the database's.</param>
/// <param name="TargetRatio">The ratio the API must reach.</param>
internal sealed record OverheadResult(double ComparedAtRate, IReadOnlyList<OverheadArm> Arms, IReadOnlyList<EndpointLatencies> Endpoints, CapacityRatio Ratio, double TargetRatio);
