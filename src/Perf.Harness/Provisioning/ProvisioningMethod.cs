namespace Perf.Harness.Provisioning;

/// <summary>The way a server is obtained, in resolution order.</summary>
internal enum ProvisioningMethod
{
    /// <summary>An explicit connection string (<c>--mysql</c> or <c>PERF_MYSQL</c>).</summary>
    ConnectionString,

    /// <summary>A Testcontainers.MySql container on a Docker daemon that answered.</summary>
    Testcontainers,

    /// <summary>A throwaway local server started from <c>mariadbd</c>/<c>mysqld</c>.</summary>
    LocalServer,
}
