using Perf.Harness.Provisioning;

namespace Perf.Harness.Results;

/// <summary>The database server a run measured, as recorded in its manifest.</summary>
/// <param name="Flavor">MySql or MariaDb.</param>
/// <param name="Version">The server's version string.</param>
/// <param name="Source">How it was provisioned (<c>connection-string</c>, <c>testcontainers</c>, <c>local:&lt;dir&gt;</c>).</param>
/// <param name="Settings">Key server variables read from the server.</param>
public sealed record ServerDescription(string Flavor, string Version, string Source, IReadOnlyDictionary<string, string> Settings)
{
    /// <summary>Describes a provisioned server.</summary>
    public static ServerDescription From(ProvisionedServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return new ServerDescription(server.Info.Flavor.ToString(), server.Info.Version, server.Source, server.Settings);
    }
}
