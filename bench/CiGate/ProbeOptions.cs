using Perf.Harness.Provisioning;
using Telemetry.Data.Schema;

namespace Perf.Bench.CiGate;

/// <summary>What one <c>bench probe</c> round measures.</summary>
/// <param name="Prefix">The variant databases' prefix.</param>
/// <param name="Variant">The variant measured.</param>
/// <param name="PrepareOnly">Seed and reconcile the database, report its dataset and DDL, time nothing.</param>
/// <param name="Seed">Whether to seed when the data is missing or different (off: measure the database as it is).</param>
/// <param name="Warmup">Untimed executions per query, on <c>warm CASE</c>.</param>
/// <param name="Cases">Only queries whose name contains one of these (all API queries when empty).</param>
/// <param name="Slowdown">Test-only: the query run twice per execution (twice the work), to prove the gate catches it.</param>
/// <param name="Crash">Test-only: exit with an error before measuring, to prove the gate fails closed.</param>
/// <param name="Output">The JSON file to write.</param>
/// <param name="Provisioning">How to find the server.</param>
internal sealed record ProbeOptions(
    string Prefix,
    SchemaVariant Variant,
    bool PrepareOnly,
    bool Seed,
    int Warmup,
    IReadOnlyList<string> Cases,
    string? Slowdown,
    bool Crash,
    string Output,
    ProvisioningOptions Provisioning);
