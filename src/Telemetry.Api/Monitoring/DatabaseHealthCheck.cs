using Microsoft.Extensions.Diagnostics.HealthChecks;
using MySqlConnector;

namespace Telemetry.Api.Monitoring;

/// <summary>Readiness: the database answers a trivial query within the request's deadline.</summary>
internal sealed class DatabaseHealthCheck(MySqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var command = new MySqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (MySqlException exception)
        {
            // The message, not the exception: an outage is expected here, and the health service would log its stack trace on every poll.
            return HealthCheckResult.Unhealthy("The database does not answer: " + exception.Message);
        }
    }
}
