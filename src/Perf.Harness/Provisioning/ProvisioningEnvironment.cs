namespace Perf.Harness.Provisioning;

/// <summary>The probes resolution depends on, injectable so tests can exercise the order without uninstalling anything.</summary>
/// <param name="GetEnvironmentVariable">Reads an environment variable.</param>
/// <param name="ProbeDockerAsync">Says whether a Docker daemon answers, within the given timeout, and why not.</param>
/// <param name="FindServerBinary">Finds <c>mariadbd</c>/<c>mysqld</c>, or null.</param>
internal sealed record ProvisioningEnvironment(
    Func<string, string?> GetEnvironmentVariable,
    Func<TimeSpan, CancellationToken, Task<DockerProbeResult>> ProbeDockerAsync,
    Func<string?> FindServerBinary)
{
    /// <summary>The real process environment, Docker sockets and file system.</summary>
    public static ProvisioningEnvironment Default { get; } = new(
        Environment.GetEnvironmentVariable,
        (timeout, ct) => DockerProbe.ProbeAsync(Environment.GetEnvironmentVariable, timeout, ct),
        () => ExecutableLocator.Find(ExecutableLocator.ServerNames));
}
