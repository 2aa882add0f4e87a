using System.Globalization;
using MySqlConnector;
using Perf.Analysis.Capacity;
using Perf.Bench.Plans;
using Perf.Bench.Queries;
using Perf.Harness.Provisioning;
using Perf.Harness.Results;
using Perf.Seed;
using Telemetry.Data.Queries;
using Telemetry.Data.Schema;

namespace Perf.Bench.Capacity;

/// <summary>The scale sweep: per size, seed every variant (and the A/A copy), capture plans and exact work, time every query in interleaved rounds beside the control, then per variant measure bytes and (optionally) capacity.</summary>
internal static class CapacitySweep
{
    public static async Task<CapacityData> RunAsync(SweepOptions options, ProvisionedServer server, ResultWriter writer, string repositoryRoot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(writer);
        var measurements = new List<VariantMeasurement>();
        var copies = new List<VariantMeasurement>();
        var cacheStates = new List<VariantMeasurement>();
        var controls = new List<ControlMeasurement>();
        var control = await SeedControlAsync(options, server, writer, cancellationToken).ConfigureAwait(false);
        foreach (var size in options.Sizes)
        {
            var label = ReportLabel(size);
            var seedOptions = SeedOptionsFor(options, size);
            Progress($"size {label}: seeding {string.Join(", ", options.Variants)} ({(seedOptions.To.DayNumber - seedOptions.From.DayNumber)} days, {options.SeedProfiles} profiles)");
            var seeded = await DatasetSeeder.SeedAsync(server.AdminConnectionString, seedOptions, new PlainProgress(Console.Error), cancellationToken).ConfigureAwait(false);
            RecordDataset(writer.Manifest, new DatasetInfo(seeded.Seed, seeded.Scale, seeded.RowCounts, seeded.Checksum));
            var tradeRows = seeded.RowCounts.TryGetValue(TelemetryTable.Trades.Name, out var rows) ? rows : size;

            var databases = options.Variants.ToDictionary(v => v, v => VariantDatabase.Name(options.Prefix, v));
            string? copyDatabase = null;
            if (options.AaVariant is { } aa)
            {
                // The A/A copy: the same deterministic rows and DDL under a second prefix, checked, not assumed.
                Progress($"size {label}: seeding the A/A copy of {aa}");
                var copy = await DatasetSeeder.SeedAsync(server.AdminConnectionString, seedOptions with { Variants = [aa], DatabasePrefix = options.CopyPrefix }, new PlainProgress(Console.Error), cancellationToken).ConfigureAwait(false);
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

            var reader = await server.CreateReadOnlyAccountAsync(copyDatabase is null ? [.. databases.Values, control.Database] : [.. databases.Values, copyDatabase, control.Database], cancellationToken).ConfigureAwait(false);
            string ReaderFor(string database) => new MySqlConnectionStringBuilder(reader) { Database = database }.ConnectionString;
            var connectionStrings = databases.ToDictionary(p => p.Key, p => ReaderFor(p.Value));
            QueryContext context;
            await using (var discovery = new QueryLayer(connectionStrings[options.Variants.Contains(SchemaVariant.Composite) ? SchemaVariant.Composite : options.Variants[0]]))
            {
                context = await QueryContextDiscovery.DiscoverAsync(discovery.DataSource, cancellationToken).ConfigureAwait(false);
            }

            var cases = Cases(options, context);
            var plans = await PlanRunner.CaptureAsync(connectionStrings, server.Info.Flavor, cases, cancellationToken).ConfigureAwait(false);
            var arms = options.Variants.Select(v => new SweepArm(v.ToString(), v, databases[v], [.. plans.Where(p => p.Variant == v)])).ToList();
            if (copyDatabase is not null)
            {
                var copied = options.AaVariant!.Value;
                var copyPlans = await PlanRunner.CaptureAsync(new Dictionary<SchemaVariant, string> { [copied] = ReaderFor(copyDatabase) }, server.Info.Flavor, cases, cancellationToken).ConfigureAwait(false);
                arms.Add(new SweepArm(CopyName(copied), copied, copyDatabase, copyPlans, IsCopy: true));
            }

            // The control's plans are captured at every size like the variants', so its exact work beside each size is known, not assumed.
            var controlPlans = await PlanRunner.CaptureAsync(new Dictionary<SchemaVariant, string> { [control.Variant] = ReaderFor(control.Database) }, server.Info.Flavor, control.Cases, cancellationToken).ConfigureAwait(false);
            arms.Add(new SweepArm(ControlName, control.Variant, control.Database, controlPlans, IsControl: true, Cases: control.Cases));

            var sets = arms.Select(a => new MeasurementArm(a.Name, new QueryLayer(ReaderFor(a.Database)), a.Cases)).ToList();
            CaseSamples[,] samples;
            CacheCondition warm;
            try
            {
                await using var counters = await BufferPoolCounters.OpenAsync(server.AdminConnectionString, cancellationToken).ConfigureAwait(false);
                var pool = await server.ReadBufferPoolAsync(cancellationToken).ConfigureAwait(false);
                warm = new CacheCondition(CacheState.Warm, pool.Bytes, pool.FlushMethod, null);
                Progress($"size {label}: {cases.Count} queries × {arms.Count} databases, warm-up then {options.Rounds} interleaved rounds of up to {options.Executions} executions");
                samples = await InterleavedSampler.MeasureAsync(sets, cases, options.Rounds, options.Executions, options.CaseBudget, counters, Progress, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await MeasurementArm.DisposeAllAsync(sets).ConfigureAwait(false);
            }

            var measuredHere = new List<VariantMeasurement>();
            for (var a = 0; a < arms.Count; a++)
            {
                var arm = arms[a];
                if (arm.IsControl)
                {
                    controls.Add(new ControlMeasurement(tradeRows, arm.Measure(cases, samples, a)));
                    if (controls.Count > 1 && ControlDrift.Between(controls[0], controls[^1]) is { } drift)
                    {
                        Progress($"size {label} control: {drift} as long as beside {ReportLabel(controls[0].TradeRows)}{(drift.Changed ? ": the same work ran at another speed" : string.Empty)}");
                    }

                    continue;
                }

                var (dataBytes, indexBytes, indexes) = await StorageProbe.MeasureAsync(server.AdminConnectionString, arm.Database, cancellationToken).ConfigureAwait(false);
                var queries = arm.Measure(cases, samples, a);
                CapacityFinding? capacity = null;
                if (options.Capacity is { } search && !arm.IsCopy)
                {
                    var output = Path.Combine(writer.Directory, "capacity", $"{label}-{arm.Variant.ToString().ToLowerInvariant()}");
                    capacity = await CapacityProbe.MeasureAsync(repositoryRoot, server.AdminConnectionString, arm.Variant, options.Prefix, search, output, cancellationToken).ConfigureAwait(false);
                }

                var seedSeconds = seeded.Variants.FirstOrDefault(v => v.Variant == arm.Variant)?.Seconds ?? seeded.Seconds;
                var measurement = new VariantMeasurement(arm.Variant, tradeRows, seedSeconds, dataBytes, indexBytes, capacity?.Rps, queries, indexes, capacity?.IsLowerBound ?? false) { Cache = warm, CapacityPages = capacity?.Pages };
                (arm.IsCopy ? copies : measurements).Add(measurement);
                if (!arm.IsCopy)
                {
                    measuredHere.Add(measurement);
                }

                Progress(Summary(label, arm.Name, measurement));
            }

            if (options.CacheStates.Count > 0)
            {
                var run = new CacheStateRun(options, server, [.. arms.Where(a => !a.IsCopy && !a.IsControl)], cases, ReaderFor, measuredHere, label, writer.Directory, repositoryRoot);
                foreach (var measurement in await CacheStateSweep.RunAsync(run, cancellationToken).ConfigureAwait(false))
                {
                    cacheStates.Add(measurement);
                    Progress(Summary(label, $"{measurement.Variant} {measurement.Cache!.State.ToString().ToLowerInvariant()}", measurement));
                }
            }

            // What every size measured is kept as it completes: a later size that fails leaves the earlier ones re-renderable.
            await writer.WriteJsonAsync(MeasurementsName, Data(measurements, copies, cacheStates, controls), cancellationToken).ConfigureAwait(false);
        }

        return Data(measurements, copies, cacheStates, controls);
    }

    /// <summary>
    /// Seeds the control once: the smallest size's dataset in one variant (Composite when measured), under its own prefix,
    /// with its query cases found on its own rows. Every size's rounds time those same queries on it, so a change in its
    /// timings between sizes is the machine's (<see cref="ControlMeasurement"/>).
    /// </summary>
    private static async Task<(SchemaVariant Variant, string Database, IReadOnlyList<QueryCase> Cases)> SeedControlAsync(SweepOptions options, ProvisionedServer server, ResultWriter writer, CancellationToken cancellationToken)
    {
        var variant = options.Variants.Contains(SchemaVariant.Composite) ? SchemaVariant.Composite : options.Variants[0];
        var size = options.Sizes.Min();
        Progress($"control: seeding {variant} at {ReportLabel(size)} under {options.ControlPrefix}, timed beside every size");
        var seedOptions = SeedOptionsFor(options, size) with { Scale = "control", Variants = [variant], DatabasePrefix = options.ControlPrefix };
        var seeded = await DatasetSeeder.SeedAsync(server.AdminConnectionString, seedOptions, new PlainProgress(Console.Error), cancellationToken).ConfigureAwait(false);
        RecordDataset(writer.Manifest, new DatasetInfo(seeded.Seed, seeded.Scale, seeded.RowCounts, seeded.Checksum));
        var database = VariantDatabase.Name(options.ControlPrefix, variant);
        await using var layer = new QueryLayer(server.ConnectionStringFor(database));
        var context = await QueryContextDiscovery.DiscoverAsync(layer.DataSource, cancellationToken).ConfigureAwait(false);
        return (variant, database, Cases(options, context));
    }

    /// <summary>The catalog's cases for <paramref name="context"/> that <c>--queries</c> selects, in catalog order (the same names for every context).</summary>
    private static List<QueryCase> Cases(SweepOptions options, QueryContext context) =>
        [.. QueryCatalog.All(context).Where(c => options.QueryFilters.Count == 0 || options.QueryFilters.Any(f => c.Name.Contains(f, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>The seed of one size: rows grow the way production grows, a steady daily volume over a longer span (more months, more partitions).</summary>
    private static SeedOptions SeedOptionsFor(SweepOptions options, long size)
    {
        var tradingDays = Math.Max(30, (int)Math.Ceiling((double)size / options.SeedTradesPerDay));
        var calendarDays = (int)Math.Ceiling(tradingDays * 7 / 5.0);
        return new SeedOptions
        {
            Scale = "sweep-" + ReportLabel(size),
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
    }

    /// <summary>
    /// Records one size's dataset: as the manifest's dataset (the latest size) and, since each size is its own dataset,
    /// as a <c>dataset.SCALE</c> parameter, so every size's seed, checksum and trade rows stay in the provenance.
    /// </summary>
    internal static void RecordDataset(RunManifest manifest, DatasetInfo dataset)
    {
        manifest.Dataset = dataset;
        var trades = dataset.RowCounts.TryGetValue(TelemetryTable.Trades.Name, out var rows) ? string.Create(CultureInfo.InvariantCulture, $", {rows} trade rows") : string.Empty;
        manifest.Parameters["dataset." + dataset.Scale] = dataset.Describe() + trades;
    }

    /// <summary>The file name (without <c>.json</c>) of the sweep's measurements.</summary>
    public const string MeasurementsName = "measurements";

    private static CapacityData Data(List<VariantMeasurement> measurements, List<VariantMeasurement> copies, List<VariantMeasurement> cacheStates, List<ControlMeasurement> controls) =>
        new([.. measurements], LatencyTargets.Default) { Copies = [.. copies], CacheStates = [.. cacheStates], Controls = [.. controls] };

    /// <summary>A progress line: the slowest median, memory, hit ratio and capacity of one measurement.</summary>
    private static string Summary(string label, string name, VariantMeasurement m)
    {
        var worst = m.Queries.MaxBy(q => q.P50Ms)!;
        var pages = m.Pages is { } p ? string.Create(CultureInfo.InvariantCulture, $", hit ratio {p.HitRatio:P2}, {p.PhysicalPerExecution:0.#} disk reads/execution") : string.Empty;
        var capacity = m.CapacityRps is { } rps ? string.Create(CultureInfo.InvariantCulture, $", capacity {(m.CapacityIsLowerBound ? "≥ " : string.Empty)}{rps:0.##}/s") : string.Empty;
        return string.Create(CultureInfo.InvariantCulture, $"size {label} {name}: {m.Queries.Count} queries, slowest median {worst.P50Ms:0.##} ms ({worst.Query}, {worst.RowsExamined} rows examined), {m.TotalBytes / 1048576.0:0.#} MiB{pages}{capacity}");
    }

    private static string CopyName(SchemaVariant variant) => $"{variant} (copy)";

    /// <summary>How progress lines name the control.</summary>
    private const string ControlName = "control";

    private static string ReportLabel(long rows) => rows switch
    {
        >= 1_000_000 when rows % 1_000_000 == 0 => string.Create(CultureInfo.InvariantCulture, $"{rows / 1_000_000}m"),
        >= 1_000 when rows % 1_000 == 0 => string.Create(CultureInfo.InvariantCulture, $"{rows / 1_000}k"),
        _ => rows.ToString(CultureInfo.InvariantCulture),
    };

    internal static void Progress(string message) => Console.Error.WriteLine("bench: report: " + message);
}
