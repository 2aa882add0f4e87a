using System.Globalization;
using MySqlConnector;
using Perf.Bench.Plans;
using Perf.Bench.Queries;
using Perf.Harness.Provisioning;
using Perf.Harness.Reports;
using Perf.Harness.Results;
using Perf.Seed;
using Telemetry.Data.Schema;

namespace Perf.Bench.Capacity;

/// <summary>The scale sweep: per size, seed every variant, then per variant measure latency, plans, bytes and (optionally) capacity.</summary>
internal static class CapacitySweep
{
    public static async Task<CapacityData> RunAsync(SweepOptions options, ProvisionedServer server, ResultWriter writer, string repositoryRoot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(writer);
        var measurements = new List<VariantMeasurement>();
        foreach (var size in options.Sizes)
        {
            var label = ReportLabel(size);
            // Rows grow the way production grows: a steady daily volume over a longer span (more months, more partitions).
            var tradingDays = Math.Max(30, (int)Math.Ceiling((double)size / options.SeedTradesPerDay));
            var calendarDays = (int)Math.Ceiling(tradingDays * 7 / 5.0);
            var seedOptions = new SeedOptions
            {
                Scale = "sweep-" + label,
                Profiles = options.SeedProfiles,
                From = BenchSeeding.End.AddDays(-calendarDays),
                To = BenchSeeding.End,
                Trades = size,
                Symbols = 200,
                HealthIntervalMinutes = 60,
                Variants = options.Variants,
                DatabasePrefix = options.Prefix,
                Mode = SeedMode.Replace,
                Force = true,
            };
            Progress($"size {label}: seeding {string.Join(", ", options.Variants)} ({calendarDays} days, {options.SeedProfiles} profiles)");
            var seeded = await DatasetSeeder.SeedAsync(server.AdminConnectionString, seedOptions, null, cancellationToken).ConfigureAwait(false);
            writer.Manifest.Dataset = new DatasetInfo(seeded.Seed, seeded.Scale, seeded.RowCounts, seeded.Checksum);
            var tradeRows = seeded.RowCounts.TryGetValue(TelemetryTable.Trades.Name, out var rows) ? rows : size;

            var databases = options.Variants.ToDictionary(v => v, v => VariantDatabase.Name(options.Prefix, v));
            foreach (var (variant, database) in databases)
            {
                await using var admin = new MySqlConnection(server.ConnectionStringFor(database));
                await admin.OpenAsync(cancellationToken).ConfigureAwait(false);
                writer.Manifest.DdlHashes[variant.ToString()] = await DdlFingerprint.ComputeAsync(admin, cancellationToken).ConfigureAwait(false);
            }

            var reader = await server.CreateReadOnlyAccountAsync(databases.Values, cancellationToken).ConfigureAwait(false);
            var connectionStrings = databases.ToDictionary(p => p.Key, p => new MySqlConnectionStringBuilder(reader) { Database = p.Value }.ConnectionString);
            QueryContext context;
            await using (var discovery = new QuerySet(connectionStrings[options.Variants.Contains(SchemaVariant.Composite) ? SchemaVariant.Composite : options.Variants[0]]))
            {
                context = await QueryContextDiscovery.DiscoverAsync(discovery.DataSource, cancellationToken).ConfigureAwait(false);
            }

            var cases = QueryCatalog.All(context)
                .Where(c => options.QueryFilters.Count == 0 || options.QueryFilters.Any(f => c.Name.Contains(f, StringComparison.OrdinalIgnoreCase)))
                .ToList();
            var plans = await PlanRunner.CaptureAsync(connectionStrings, server.Info.Flavor, cases, cancellationToken).ConfigureAwait(false);
            foreach (var variant in options.Variants)
            {
                var (dataBytes, indexBytes, indexes) = await StorageProbe.MeasureAsync(server.AdminConnectionString, databases[variant], cancellationToken).ConfigureAwait(false);
                var queries = new List<QueryMeasurement>();
                await using (var set = new QuerySet(connectionStrings[variant]))
                {
                    foreach (var queryCase in cases)
                    {
                        var latency = await LatencySampler.MeasureAsync(queryCase, set, options.Samples, options.CaseBudget, cancellationToken).ConfigureAwait(false);
                        var plan = plans.First(p => p.Query == queryCase.Name && p.Variant == variant);
                        queries.Add(new QueryMeasurement(queryCase.Name, latency.P50Ms, latency.P95Ms, latency.P99Ms, plan.RowsRead, plan.Index is null ? [] : [plan.Index], plan.Partitions.Count > 0 ? plan.Partitions.Count : null));
                    }
                }

                (double Rps, bool IsLowerBound)? capacity = null;
                if (options.Capacity is { } search)
                {
                    var output = Path.Combine(writer.Directory, "capacity", $"{label}-{variant.ToString().ToLowerInvariant()}");
                    capacity = await CapacityProbe.MeasureAsync(repositoryRoot, server.AdminConnectionString, variant, options.Prefix, search, output, cancellationToken).ConfigureAwait(false);
                }

                var seedSeconds = seeded.Variants.FirstOrDefault(v => v.Variant == variant)?.Seconds ?? seeded.Seconds;
                measurements.Add(new VariantMeasurement(variant, tradeRows, seedSeconds, dataBytes, indexBytes, capacity?.Rps, queries, indexes, capacity?.IsLowerBound ?? false));
                Progress(string.Create(CultureInfo.InvariantCulture, $"size {label} {variant}: {queries.Count} queries, worst p99 {queries.Max(q => q.P99Ms):0.##} ms, {(dataBytes + indexBytes) / 1048576.0:0.#} MiB{(capacity is { } r ? $", capacity {(r.IsLowerBound ? "≥ " : string.Empty)}{r.Rps:0.##}/s" : string.Empty)}"));
            }
        }

        return new CapacityData(measurements, LatencyTargets.Default);
    }

    private static string ReportLabel(long rows) => rows switch
    {
        >= 1_000_000 when rows % 1_000_000 == 0 => string.Create(CultureInfo.InvariantCulture, $"{rows / 1_000_000}m"),
        >= 1_000 when rows % 1_000 == 0 => string.Create(CultureInfo.InvariantCulture, $"{rows / 1_000}k"),
        _ => rows.ToString(CultureInfo.InvariantCulture),
    };

    private static void Progress(string message) => Console.Error.WriteLine("bench: report: " + message);
}
