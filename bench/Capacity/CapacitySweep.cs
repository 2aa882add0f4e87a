using System.Globalization;
using MySqlConnector;
using Perf.Analysis.Capacity;
using Perf.Bench.Plans;
using Perf.Bench.Queries;
using Perf.Harness.Provisioning;
using Perf.Harness.Results;
using Perf.Seed;
using Telemetry.Data.Schema;

namespace Perf.Bench.Capacity;

/// <summary>The scale sweep: per size, seed every variant (and the A/A copy), capture plans and exact work, time every query in interleaved rounds, then per variant measure bytes and (optionally) capacity.</summary>
internal static class CapacitySweep
{
    public static async Task<CapacityData> RunAsync(SweepOptions options, ProvisionedServer server, ResultWriter writer, string repositoryRoot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(writer);
        var measurements = new List<VariantMeasurement>();
        var copies = new List<VariantMeasurement>();
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
            string? copyDatabase = null;
            if (options.AaVariant is { } aa)
            {
                // The A/A copy: the same deterministic rows and DDL under a second prefix, checked, not assumed.
                Progress($"size {label}: seeding the A/A copy of {aa}");
                var copy = await DatasetSeeder.SeedAsync(server.AdminConnectionString, seedOptions with { Variants = [aa], DatabasePrefix = options.CopyPrefix }, null, cancellationToken).ConfigureAwait(false);
                if (copy.Checksum != seeded.Checksum)
                {
                    throw new InvalidOperationException($"The A/A copy's data checksum {copy.Checksum} differs from {seeded.Checksum}: the copy is not identical.");
                }

                copyDatabase = VariantDatabase.Name(options.CopyPrefix, aa);
            }

            foreach (var (name, database) in databases.Select(p => (p.Key.ToString(), p.Value)).Concat(copyDatabase is null ? [] : [(CopyName(options.AaVariant!.Value), copyDatabase)]))
            {
                await using var admin = new MySqlConnection(server.ConnectionStringFor(database));
                await admin.OpenAsync(cancellationToken).ConfigureAwait(false);
                writer.Manifest.DdlHashes[name] = await DdlFingerprint.ComputeAsync(admin, cancellationToken).ConfigureAwait(false);
            }

            if (options.AaVariant is { } checkedVariant && writer.Manifest.DdlHashes[CopyName(checkedVariant)] != writer.Manifest.DdlHashes[checkedVariant.ToString()])
            {
                throw new InvalidOperationException($"The A/A copy's DDL differs from {checkedVariant}'s: the copy is not identical.");
            }

            var reader = await server.CreateReadOnlyAccountAsync(copyDatabase is null ? databases.Values : [.. databases.Values, copyDatabase], cancellationToken).ConfigureAwait(false);
            string ReaderFor(string database) => new MySqlConnectionStringBuilder(reader) { Database = database }.ConnectionString;
            var connectionStrings = databases.ToDictionary(p => p.Key, p => ReaderFor(p.Value));
            QueryContext context;
            await using (var discovery = new QuerySet(connectionStrings[options.Variants.Contains(SchemaVariant.Composite) ? SchemaVariant.Composite : options.Variants[0]]))
            {
                context = await QueryContextDiscovery.DiscoverAsync(discovery.DataSource, cancellationToken).ConfigureAwait(false);
            }

            var cases = QueryCatalog.All(context)
                .Where(c => options.QueryFilters.Count == 0 || options.QueryFilters.Any(f => c.Name.Contains(f, StringComparison.OrdinalIgnoreCase)))
                .ToList();
            var plans = await PlanRunner.CaptureAsync(connectionStrings, server.Info.Flavor, cases, cancellationToken).ConfigureAwait(false);
            var arms = options.Variants.Select(v => (Name: v.ToString(), Variant: v, Database: databases[v], Plans: plans.Where(p => p.Variant == v).ToList())).ToList();
            if (copyDatabase is not null)
            {
                var copied = options.AaVariant!.Value;
                var copyPlans = await PlanRunner.CaptureAsync(new Dictionary<SchemaVariant, string> { [copied] = ReaderFor(copyDatabase) }, server.Info.Flavor, cases, cancellationToken).ConfigureAwait(false);
                arms.Add((CopyName(copied), copied, copyDatabase, [.. copyPlans]));
            }

            var sets = arms.Select(a => new MeasurementArm(a.Name, new QuerySet(ReaderFor(a.Database)))).ToList();
            List<List<double>>[,] samples;
            try
            {
                Progress($"size {label}: {cases.Count} queries × {arms.Count} databases, warm-up then {options.Rounds} interleaved rounds of up to {options.Executions} executions");
                samples = await InterleavedSampler.MeasureAsync(sets, cases, options.Rounds, options.Executions, options.CaseBudget, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                foreach (var set in sets)
                {
                    await set.Queries.DisposeAsync().ConfigureAwait(false);
                }
            }

            for (var a = 0; a < arms.Count; a++)
            {
                var arm = arms[a];
                var isCopy = copyDatabase is not null && a == arms.Count - 1;
                var (dataBytes, indexBytes, indexes) = await StorageProbe.MeasureAsync(server.AdminConnectionString, arm.Database, cancellationToken).ConfigureAwait(false);
                var queries = cases.Select((queryCase, c) =>
                {
                    var plan = arm.Plans.First(p => p.Query == queryCase.Name);
                    var work = new ExactWork(plan.RowsRead, plan.Pages?.Logical, plan.Pages?.Physical, plan.Partitions.Count > 0 ? plan.Partitions.Count : null, plan.Filesort, plan.TemporaryTable, plan.Index is null ? plan.AccessType : $"{plan.AccessType} on {plan.Index}");
                    return QueryMeasurement.FromRounds(queryCase.Name, [.. samples[a, c].Select(r => (IReadOnlyList<double>)r)], work, plan.Index is null ? [] : [plan.Index]);
                }).ToList();

                (double Rps, bool IsLowerBound)? capacity = null;
                if (options.Capacity is { } search && !isCopy)
                {
                    var output = Path.Combine(writer.Directory, "capacity", $"{label}-{arm.Variant.ToString().ToLowerInvariant()}");
                    capacity = await CapacityProbe.MeasureAsync(repositoryRoot, server.AdminConnectionString, arm.Variant, options.Prefix, search, output, cancellationToken).ConfigureAwait(false);
                }

                var seedSeconds = seeded.Variants.FirstOrDefault(v => v.Variant == arm.Variant)?.Seconds ?? seeded.Seconds;
                var measurement = new VariantMeasurement(arm.Variant, tradeRows, seedSeconds, dataBytes, indexBytes, capacity?.Rps, queries, indexes, capacity?.IsLowerBound ?? false);
                (isCopy ? copies : measurements).Add(measurement);
                var worst = queries.MaxBy(q => q.P50Ms)!;
                Progress(string.Create(CultureInfo.InvariantCulture, $"size {label} {arm.Name}: {queries.Count} queries, slowest median {worst.P50Ms:0.##} ms ({worst.Query}, {worst.RowsExamined} rows examined), {(dataBytes + indexBytes) / 1048576.0:0.#} MiB{(capacity is { } r ? $", capacity {(r.IsLowerBound ? "≥ " : string.Empty)}{r.Rps:0.##}/s" : string.Empty)}"));
            }
        }

        return new CapacityData(measurements, LatencyTargets.Default) { Copies = copies };
    }

    private static string CopyName(SchemaVariant variant) => $"{variant} (copy)";

    private static string ReportLabel(long rows) => rows switch
    {
        >= 1_000_000 when rows % 1_000_000 == 0 => string.Create(CultureInfo.InvariantCulture, $"{rows / 1_000_000}m"),
        >= 1_000 when rows % 1_000 == 0 => string.Create(CultureInfo.InvariantCulture, $"{rows / 1_000}k"),
        _ => rows.ToString(CultureInfo.InvariantCulture),
    };

    private static void Progress(string message) => Console.Error.WriteLine("bench: report: " + message);
}
