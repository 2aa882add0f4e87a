namespace Perf.Harness.Provisioning;

/// <summary>The outcome of resolution: the method and what it needs.</summary>
/// <param name="Method">The chosen way to obtain a server.</param>
/// <param name="ConnectionString">The explicit connection string, for <see cref="ProvisioningMethod.ConnectionString"/>.</param>
/// <param name="ServerBinary">The full path of <c>mariadbd</c>/<c>mysqld</c>, for <see cref="ProvisioningMethod.LocalServer"/>.</param>
internal sealed record ProvisioningChoice(ProvisioningMethod Method, string? ConnectionString = null, string? ServerBinary = null);
