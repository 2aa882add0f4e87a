using Perf.Load.Model;
using Perf.Load.Scenarios;

namespace Perf.Load.Execution;

/// <summary>Everything one load run needs.</summary>
/// <param name="Target">Base URL of the API.</param>
/// <param name="Mix">Scenarios and their weights.</param>
/// <param name="Profile">Load model, warm-up and stages.</param>
/// <param name="RequestTimeout">A request with no complete response after this is a timeout.</param>
/// <param name="GracefulStop">How long requests still open at the end may finish before they count as timeouts.</param>
/// <param name="MaxInFlight">Open model: arrivals beyond this many open requests are dropped (and the run invalid).</param>
/// <param name="MaxConnections">Requests on the wire at once (0 = unlimited); arrivals beyond it wait for a connection, and that wait counts in the gated latency.</param>
/// <param name="Seed">Seed for arrivals and request choices.</param>
/// <param name="Validity">When the generator is judged to have failed.</param>
/// <param name="Client">Which HTTP client sends the requests.</param>
internal sealed record RunPlan(
    Uri Target,
    ScenarioMix Mix,
    LoadProfile Profile,
    TimeSpan RequestTimeout,
    TimeSpan GracefulStop,
    long MaxInFlight,
    int MaxConnections,
    int Seed,
    ValidityCriteria Validity,
    LoadClient Client = LoadClient.Raw);
