namespace Perf.Harness.Provisioning;

/// <summary>Whether a Docker daemon answered, and where or why not.</summary>
/// <param name="Available">True when <c>/_ping</c> answered 200.</param>
/// <param name="Detail">The endpoint that answered, or the reason none did.</param>
internal sealed record DockerProbeResult(bool Available, string Detail);
