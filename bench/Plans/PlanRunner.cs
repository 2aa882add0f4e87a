using MySqlConnector;
using Perf.Bench.Queries;
using Telemetry.Data;
using Telemetry.Data.Schema;

namespace Perf.Bench.Plans;

/// <summary>Captures the plan of every case on every variant, one connection per variant.</summary>
public static class PlanRunner
{
    /// <summary>Plans in case order, variants in enum order within a case.</summary>
    public static async Task<IReadOnlyList<PlanResult>> CaptureAsync(
        IReadOnlyDictionary<SchemaVariant, string> connectionStrings, ServerFlavor flavor, IReadOnlyList<QueryCase> cases, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionStrings);
        ArgumentNullException.ThrowIfNull(cases);
        var byVariant = new Dictionary<SchemaVariant, IReadOnlyList<PlanResult>>();
        foreach (var (variant, connectionString) in connectionStrings.OrderBy(p => p.Key))
        {
            await using var connection = new MySqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            var capture = new PlanCapture(connection, flavor);
            var plans = new List<PlanResult>(cases.Count);
            foreach (var queryCase in cases)
            {
                plans.Add(await capture.CaptureAsync(queryCase, variant, cancellationToken).ConfigureAwait(false));
            }

            byVariant[variant] = plans;
        }

        return [.. cases.SelectMany((_, i) => byVariant.OrderBy(p => p.Key).Select(p => p.Value[i]))];
    }
}
