using Perf.Analysis.Capacity;
using Perf.Bench.Queries;
using Perf.Harness.Provisioning;

namespace Perf.Bench.Capacity;

/// <summary>What the cold and memory-constrained measurements of one size need from the sweep.</summary>
/// <param name="Options">The sweep's options (states, pool size, rounds, capacity search).</param>
/// <param name="Server">The local server, which they restart.</param>
/// <param name="Arms">The variants (not the A/A copy).</param>
/// <param name="Cases">The query cases.</param>
/// <param name="ReaderFor">The read-only connection string of a database.</param>
/// <param name="Warm">This size's warm measurements, whose bytes, seeding and indexes they share.</param>
/// <param name="Label">The size's label, e.g. <c>10m</c>.</param>
/// <param name="Prefix">The database prefix of the size's variants (the capacity search finds them by it).</param>
/// <param name="ResultsDirectory">The run's folder (capacity searches write below it).</param>
/// <param name="RepositoryRoot">Where the load program is built from.</param>
internal sealed record CacheStateRun(
    SweepOptions Options,
    ProvisionedServer Server,
    IReadOnlyList<SweepArm> Arms,
    IReadOnlyList<QueryCase> Cases,
    Func<string, string> ReaderFor,
    IReadOnlyList<VariantMeasurement> Warm,
    string Label,
    string Prefix,
    string ResultsDirectory,
    string RepositoryRoot);
