using Perf.Harness.Provisioning;
using Telemetry.Data.Schema;

namespace Perf.Load.Cli;

/// <summary>How to host the API in-process when no <c>--url</c> is given.</summary>
/// <param name="Variant">Schema variant whose database the API reads.</param>
/// <param name="DatabasePrefix">Prefix of the variant databases (<c>telemetry</c> → <c>telemetry_composite</c>).</param>
/// <param name="Caching">Whether the API caches responses.</param>
/// <param name="Provisioning">How to find the server (<c>--mysql</c>, <c>PERF_MYSQL</c>, Testcontainers, local mariadbd).</param>
internal sealed record InProcessOptions(SchemaVariant Variant, string DatabasePrefix, bool Caching, ProvisioningOptions Provisioning);
