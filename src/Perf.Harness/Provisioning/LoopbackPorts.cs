using System.Net;
using Docker.DotNet.Models;

namespace Perf.Harness.Provisioning;

/// <summary>Publishes a container's ports on the loopback interface only, so a throwaway server with a generated password is never reachable from the network.</summary>
/// <remarks>
/// Docker publishes on every interface (<c>0.0.0.0</c>) unless a binding names a host address. Only a Docker daemon on this
/// machine (its containers reached at a loopback address) can be bound this way; a remote daemon's ports must stay reachable.
/// </remarks>
public static class LoopbackPorts
{
    /// <summary>The host address every binding gets.</summary>
    public const string Address = "127.0.0.1";

    /// <summary>Whether <paramref name="containerHost"/> (the host the harness reaches the container at) is this machine's loopback.</summary>
    public static bool IsLocal(string containerHost) =>
        string.Equals(containerHost, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(containerHost, out var address) && IPAddress.IsLoopback(address));

    /// <summary>Sets the host address of every port binding in <paramref name="parameters"/> to <see cref="Address"/>.</summary>
    public static void Apply(CreateContainerParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (var binding in parameters.HostConfig?.PortBindings?.Values.SelectMany(b => b ?? []) ?? [])
        {
            binding.HostIP = Address;
        }
    }
}
