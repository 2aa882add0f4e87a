using System.Globalization;
using MySqlConnector;
using Perf.Analysis.Capacity;
using Perf.Bench.Plans;
using Perf.Bench.Queries;
using Perf.Harness.Provisioning;
using Perf.Harness.Results;
using Perf.Seed;
using Telemetry.CommandLine;
using Telemetry.Data.Queries;
using Telemetry.Data.Schema;

namespace Perf.Bench.Capacity;

/// <summary>
/// The scale sweep: seed every variant (and the A/A copy) per size, capture plans and exact work, time every query in
/// interleaved rounds, then per variant measure bytes and (optionally) capacity. One size at a time, each timed beside the
/// control; or with <c>--interleave-sizes</c> every size seeded first and all timed in the same rounds.
/// </summary>
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
        // Sizes timed in the same rounds share the machine's drift, so they need no control; one size at a time is timed beside it.
        var control = options.InterleaveSizes ? null : await SeedControlAsync(options, server, writer, cancellationToken).ConfigureAwait(false);
        IEnumerable<IReadOnlyList<long>> groups = options.InterleaveSizes ? [options.Sizes] : options.Sizes.Select(s => (IReadOnlyList<long>)[s]);
        foreach (var group in groups)
        {
            var sizes = new List<SeededSize>();
            foreach (var size in group)
            {
                sizes.Add(await SeedSizeAsync(options, size, server, writer, cancellationToken).ConfigureAwait(false));
            }

            var reader = await server.CreateReadOnlyAccountAsync([.. sizes.SelectMany(s => s.Databases), .. control is null ? [] : new[] { control.Database }], cancellationToken).ConfigureAwait(false);
            string ReaderFor(string database) => new MySqlConnectionStringBuilder(reader) { Database = database }.ConnectionString;
            // The rounds' rows: every size's arms in turn, then the control.
            var arms = new List<SweepArm>();
            var timed = new List<(SeededSize Size, IReadOnlyList<QueryCase> Cases, IReadOnlyList<SweepArm> Arms, int FirstRow)>();
            foreach (var size in sizes)
            {
                var (sizeCases, sizeArms) = await ArmsAsync(options, size, server, ReaderFor, cancellationToken).ConfigureAwait(false);
                timed.Add((size, sizeCases, sizeArms, arms.Count));
                arms.AddRange(sizeArms);
            }

            var controlRow = -1;
            if (control is not null)
            {
                // The control's plans are captured at every size like the variants', so its exact work beside each size is known, not assumed.
                var controlPlans = await PlanRunner.CaptureAsync(new Dictionary<SchemaVariant, string> { [control.Variant] = ReaderFor(control.Database) }, server.Info.Flavor, control.Cases, cancellationToken).ConfigureAwait(false);
                controlRow = arms.Count;
                arms.Add(new SweepArm(ControlName, control.Variant, control.Database, control.Cases, controlPlans, IsControl: true));
            }

            // Every arm runs its own size's cases: the same names in the same order, with parameters found on its own rows.
            var cases = timed[0].Cases;
            var sets = arms.Select(a => new MeasurementArm(a.Name, new QueryLayer(ReaderFor(a.Database)), a.Cases)).ToList();
            CaseSamples[,] samples;
            CacheCondition warm;
            var timedFrom = DateTimeOffset.UtcNow;
            try
            {
                await using var counters = await BufferPoolCounters.OpenAsync(server.AdminConnectionString, cancellationToken).ConfigureAwait(false);
                var pool = await server.ReadBufferPoolAsync(cancellationToken).ConfigureAwait(false);
                warm = new CacheCondition(CacheState.Warm, pool.Bytes, pool.FlushMethod, null);
                var which = options.InterleaveSizes ? $"sizes {string.Join(", ", sizes.Select(s => s.Label))} together" : $"size {sizes[0].Label}";
                Progress($"{which}: {cases.Count} queries × {arms.Count} databases, warm-up then {options.Rounds} interleaved rounds of up to {options.Executions} executions");
                samples = await InterleavedSampler.MeasureAsync(sets, cases, options.Rounds, options.Executions, options.CaseBudget, counters, Progress, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await MeasurementArm.DisposeAllAsync(sets).ConfigureAwait(false);
            }

            var timedTo = DateTimeOffset.UtcNow;
            foreach (var (size, sizeCases, sizeArms, firstRow) in timed)
            {
                var measuredHere = new List<VariantMeasurement>();
                for (var i = 0; i < sizeArms.Count; i++)
                {
                    var arm = sizeArms[i];
                    var (dataBytes, indexBytes, indexes) = await StorageProbe.MeasureAsync(server.AdminConnectionString, arm.Database, cancellationToken).ConfigureAwait(false);
                    var queries = arm.Measure(samples, firstRow + i);
                    CapacityFinding? capacity = null;
                    if (options.Capacity is { } search && !arm.IsCopy)
                    {
                        var output = Path.Combine(writer.Directory, "capacity", $"{size.Label}-{arm.Variant.ToString().ToLowerInvariant()}");
                        capacity = await CapacityProbe.MeasureAsync(repositoryRoot, server.AdminConnectionString, arm.Variant, size.Prefix, search, output, cancellationToken).ConfigureAwait(false);
                    }

                    var seedSeconds = size.Seeded.Variants.FirstOrDefault(v => v.Variant == arm.Variant)?.Seconds ?? size.Seeded.Seconds;
                    var measurement = new VariantMeasurement(arm.Variant, size.TradeRows, seedSeconds, dataBytes, indexBytes, capacity?.Rps, queries, indexes, capacity?.IsLowerBound ?? false) { Cache = warm, CapacityPages = capacity?.Pages, TimedFromUtc = timedFrom, TimedToUtc = timedTo };
                    (arm.IsCopy ? copies : measurements).Add(measurement);
                    if (!arm.IsCopy)
                    {
                        measuredHere.Add(measurement);
                    }

                    Progress(Summary(size.Label, arm.IsCopy ? CopyName(arm.Variant) : arm.Variant.ToString(), measurement));
                }

                if (controlRow >= 0)
                {
                    controls.Add(new ControlMeasurement(size.TradeRows, arms[controlRow].Measure(samples, controlRow)));
                    if (controls.Count > 1 && ControlDrift.Between(controls[0], controls[^1]) is { } drift)
                    {
                        Progress($"size {size.Label} control: {drift} as long as beside {ReportLabel(controls[0].TradeRows)}{(drift.Changed ? ": the same work ran at another speed" : string.Empty)}");
                    }
                }

                if (options.CacheStates.Count > 0)
                {
                    var run = new CacheStateRun(options, server, [.. sizeArms.Where(a => !a.IsCopy)], sizeCases, ReaderFor, measuredHere, size.Label, size.Prefix, writer.Directory, repositoryRoot);
                    foreach (var measurement in await CacheStateSweep.RunAsync(run, cancellationToken).ConfigureAwait(false))
                    {
                        cacheStates.Add(measurement);
                        Progress(Summary(size.Label, $"{measurement.Variant} {measurement.Cache!.State.ToString().ToLowerInvariant()}", measurement));
                    }
                }

                // What every size measured is kept as it completes: a later size that fails leaves the earlier ones re-renderable,
                // with the manifest beside them naming their datasets and DDL (recorded in memory as each size was seeded).
                await writer.WriteJsonAsync(MeasurementsName, Data(options, measurements, copies, cacheStates, controls), cancellationToken).ConfigureAwait(false);
                await writer.WriteManifestAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return Data(options, measurements, copies, cacheStates, controls);
    }

    /// <summary>
    /// Why a size's seed would be refused (more trades than the seeder takes, or a span reaching before 2000: each size
    /// spans its trades over <c>--seed-trades-per-day</c>), as a usage message; null when every size can be seeded.
    /// </summary>
    public static string? SeedProblem(SweepOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var size in options.Sizes)
        {
            var seed = SeedOptionsFor(options, size);
            if (seed.Validate() is { } problem)
            {
                var span = string.Create(CultureInfo.InvariantCulture, $"it spans {CalendarDays(options, size):0} days, {(seed.From == DateOnly.MinValue ? "from before year 1" : $"from {seed.From:yyyy-MM-dd}")}");
                var hint = seed.From.Year < 2000 ? "; a larger --seed-trades-per-day shortens the span" : string.Empty;
                return string.Create(CultureInfo.InvariantCulture, $"--sizes {ReportLabel(size)}: the seeder refuses its dataset: {problem} At {options.SeedTradesPerDay} trades per trading day over {options.SeedProfiles} profiles (--seed-trades-per-day, --seed-profiles; by default your --profiles × --trades-per-day) {span}{hint}.");
            }
        }

        return null;
    }

    /// <summary>
    /// Why the sweep would not fit the server's disk, with what would; null when it fits or when the server's disk cannot be
    /// seen from here. Read before anything is written. One size at a time, the peak is the largest size beside the control
    /// (a size replaces the one before it); with <c>--interleave-sizes</c> every size is kept at once. What the databases
    /// the sweep replaces hold now (an earlier sweep's, under the same prefix) counts as free.
    /// </summary>
    public static async Task<string?> DiskProblemAsync(SweepOptions options, ProvisionedServer server, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(server);
        if (await SeedDiskEstimate.FreeSpaceAsync(server.AdminConnectionString, cancellationToken).ConfigureAwait(false) is not { } free)
        {
            return null;
        }

        // Each size's variants, and its A/A copy when asked for (each size's metric windows counted on a sample: a second or two).
        Progress($"estimating the disk the sizes take{(options.InterleaveSizes ? " together" : ", one at a time beside the control")}");
        var needed = options.Sizes.Order().Select(size => (Size: size, Bytes: SeedDiskEstimate.Bytes(SeedOptionsFor(options, size) with
        {
            Variants = options.AaVariant is { } aa ? [.. options.Variants, aa] : options.Variants,
        }))).ToList();
        var replaced = await SeedDiskEstimate.DatabaseBytesAsync(server.AdminConnectionString, Databases(options), cancellationToken).ConfigureAwait(false);
        var available = free.FreeBytes + replaced;
        var each = string.Join(", ", needed.Select(n => $"{ReportLabel(n.Size)} {new ByteSize(n.Bytes)}"));
        var limit = $"the free space of the server's data directory ({free.Directory}) is {new ByteSize(free.FreeBytes)}"
            + (replaced > 0 ? $", with {new ByteSize(replaced)} more in the databases the sweep replaces" : string.Empty) + "; nothing was written";
        if (options.InterleaveSizes)
        {
            var total = needed.Sum(n => n.Bytes);
            if (total <= available)
            {
                return null;
            }

            // The smallest sizes that fit together, for the message.
            var together = new List<string>();
            var sum = 0L;
            foreach (var (size, bytes) in needed)
            {
                sum += bytes;
                if (sum > available)
                {
                    break;
                }

                together.Add(ReportLabel(size));
            }

            var smaller = together.Count >= 2 ? $"--sizes {string.Join(',', together)} interleaved; or " : string.Empty;
            return $"--interleave-sizes keeps every size at once: about {new ByteSize(total)} of disk ({each}) but {limit}. "
                + $"Would fit: {smaller}the same sizes one after another (without --interleave-sizes), which keeps one size at a time ({ReportLabel(needed[^1].Size)} needs about {new ByteSize(needed[^1].Bytes)}) and times each beside a control.";
        }

        var control = SeedDiskEstimate.Bytes(SeedOptionsFor(options, needed[0].Size) with { Variants = [ControlVariant(options)] });
        if (control + needed[^1].Bytes <= available)
        {
            return null;
        }

        var fitting = needed.Where(n => control + n.Bytes <= available).Select(n => ReportLabel(n.Size)).ToList();
        return $"the sweep needs about {new ByteSize(control + needed[^1].Bytes)} of disk at its largest size, which it keeps beside the control (the smallest size's rows, {new ByteSize(control)}; sizes: {each}), but {limit}. "
            + (fitting.Count == 0 ? "No size fits beside the control: free disk, or fewer variants or profiles." : $"Would fit: --sizes {string.Join(',', fitting)}.");
    }

    /// <summary>Every database the sweep writes: each size's variants and A/A copy (one set for all sizes unless they are interleaved), and the control's.</summary>
    private static IEnumerable<string> Databases(SweepOptions options) => options.Sizes
        .Select(ReportLabel)
        .SelectMany(label => options.Variants.Select(v => VariantDatabase.Name(options.PrefixOf(label), v))
            .Concat(options.AaVariant is { } aa ? [VariantDatabase.Name(options.CopyPrefixOf(label), aa)] : []))
        .Concat(options.InterleaveSizes ? [] : [VariantDatabase.Name(options.ControlPrefix, ControlVariant(options))])
        .Distinct(StringComparer.Ordinal);

    /// <summary>One size seeded: its dataset and databases (the variants' and the A/A copy's).</summary>
    private sealed record SeededSize(string Label, long TradeRows, string Prefix, SeedResult Seeded, IReadOnlyDictionary<SchemaVariant, string> Variants, string? CopyDatabase)
    {
        /// <summary>Every database of the size.</summary>
        public IEnumerable<string> Databases => CopyDatabase is null ? Variants.Values : [.. Variants.Values, CopyDatabase];
    }

    /// <summary>Seeds one size's variants (and the A/A copy, checked identical) and records its dataset and DDL in the manifest.</summary>
    private static async Task<SeededSize> SeedSizeAsync(SweepOptions options, long size, ProvisionedServer server, ResultWriter writer, CancellationToken cancellationToken)
    {
        var label = ReportLabel(size);
        var prefix = options.PrefixOf(label);
        var seedOptions = SeedOptionsFor(options, size);
        Progress($"size {label}: seeding {string.Join(", ", options.Variants)} ({(seedOptions.To.DayNumber - seedOptions.From.DayNumber)} days, {options.SeedProfiles} profiles)");
        var seeded = await DatasetSeeder.SeedAsync(server.AdminConnectionString, seedOptions, new PlainProgress(Console.Error), cancellationToken).ConfigureAwait(false);
        RecordDataset(writer.Manifest, new DatasetInfo(seeded.Seed, seeded.Scale, seeded.RowCounts, seeded.Checksum));
        var tradeRows = seeded.RowCounts.TryGetValue(TelemetryTable.Trades.Name, out var rows) ? rows : size;

        var databases = options.Variants.ToDictionary(v => v, v => VariantDatabase.Name(prefix, v));
        string? copyDatabase = null;
        if (options.AaVariant is { } aa)
        {
            // The A/A copy: the same deterministic rows and DDL under a second prefix, checked, not assumed.
            Progress($"size {label}: seeding the A/A copy of {aa}");
            var copy = await DatasetSeeder.SeedAsync(server.AdminConnectionString, seedOptions with { Variants = [aa], DatabasePrefix = options.CopyPrefixOf(label) }, new PlainProgress(Console.Error), cancellationToken).ConfigureAwait(false);
            if (copy.Checksum != seeded.Checksum)
            {
                throw new InvalidOperationException($"The A/A copy's data checksum {copy.Checksum} differs from {seeded.Checksum}: the copy is not identical.");
            }

            copyDatabase = VariantDatabase.Name(options.CopyPrefixOf(label), aa);
        }

        // Every database timed has its DDL in the manifest: the variants' and the A/A copy's here, the control's when it is seeded.
        foreach (var (name, database) in databases.Select(p => (p.Key.ToString(), p.Value)).Concat(copyDatabase is null ? [] : [(CopyName(options.AaVariant!.Value), copyDatabase)]))
        {
            await RecordDdlAsync(server, writer, name, database, cancellationToken).ConfigureAwait(false);
        }

        if (options.AaVariant is { } checkedVariant && writer.Manifest.DdlHashes[CopyName(checkedVariant)] != writer.Manifest.DdlHashes[checkedVariant.ToString()])
        {
            throw new InvalidOperationException($"The A/A copy's DDL differs from {checkedVariant}'s: the copy is not identical.");
        }

        return new SeededSize(label, tradeRows, prefix, seeded, databases, copyDatabase);
    }

    /// <summary>Records <paramref name="database"/>'s DDL fingerprint in the manifest under <paramref name="name"/>.</summary>
    private static async Task RecordDdlAsync(ProvisionedServer server, ResultWriter writer, string name, string database, CancellationToken cancellationToken)
    {
        await using var admin = new MySqlConnection(server.ConnectionStringFor(database));
        await admin.OpenAsync(cancellationToken).ConfigureAwait(false);
        writer.Manifest.DdlHashes[name] = await DdlFingerprint.ComputeAsync(admin, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One size's arms: its query cases found on its own rows (the control's variant's: Composite when measured), and every variant's (and the copy's) plans for them.</summary>
    private static async Task<(IReadOnlyList<QueryCase> Cases, IReadOnlyList<SweepArm> Arms)> ArmsAsync(SweepOptions options, SeededSize size, ProvisionedServer server, Func<string, string> readerFor, CancellationToken cancellationToken)
    {
        var connectionStrings = size.Variants.ToDictionary(p => p.Key, p => readerFor(p.Value));
        QueryContext context;
        await using (var discovery = new QueryLayer(connectionStrings[ControlVariant(options)]))
        {
            context = await QueryContextDiscovery.DiscoverAsync(discovery.DataSource, cancellationToken).ConfigureAwait(false);
        }

        var cases = Cases(options, context);
        var plans = await PlanRunner.CaptureAsync(connectionStrings, server.Info.Flavor, cases, cancellationToken).ConfigureAwait(false);
        // Interleaved, an arm's name says its size as well: progress lines tell the sizes apart.
        string NameOf(string name) => options.InterleaveSizes ? $"{name} at {size.Label}" : name;
        var arms = options.Variants.Select(v => new SweepArm(NameOf(v.ToString()), v, size.Variants[v], cases, [.. plans.Where(p => p.Variant == v)])).ToList();
        if (size.CopyDatabase is { } copyDatabase)
        {
            var copied = options.AaVariant!.Value;
            var copyPlans = await PlanRunner.CaptureAsync(new Dictionary<SchemaVariant, string> { [copied] = readerFor(copyDatabase) }, server.Info.Flavor, cases, cancellationToken).ConfigureAwait(false);
            arms.Add(new SweepArm(NameOf(CopyName(copied)), copied, copyDatabase, cases, copyPlans, IsCopy: true));
        }

        return (cases, arms);
    }

    /// <summary>
    /// Seeds the control once: the smallest size's dataset in one variant (Composite when measured), under its own prefix,
    /// with its query cases found on its own rows. Every size's rounds time those same queries on it, so a change in its
    /// timings between sizes is the machine's (<see cref="ControlMeasurement"/>).
    /// </summary>
    private static async Task<ControlRows> SeedControlAsync(SweepOptions options, ProvisionedServer server, ResultWriter writer, CancellationToken cancellationToken)
    {
        var variant = ControlVariant(options);
        var size = options.Sizes.Min();
        Progress($"control: seeding {variant} at {ReportLabel(size)} under {options.ControlPrefix}, timed beside every size");
        var seedOptions = SeedOptionsFor(options, size) with { Scale = "control", Variants = [variant], DatabasePrefix = options.ControlPrefix };
        var seeded = await DatasetSeeder.SeedAsync(server.AdminConnectionString, seedOptions, new PlainProgress(Console.Error), cancellationToken).ConfigureAwait(false);
        RecordDataset(writer.Manifest, new DatasetInfo(seeded.Seed, seeded.Scale, seeded.RowCounts, seeded.Checksum));
        var database = VariantDatabase.Name(options.ControlPrefix, variant);
        await RecordDdlAsync(server, writer, ControlName, database, cancellationToken).ConfigureAwait(false);

        await using var layer = new QueryLayer(server.ConnectionStringFor(database));
        var context = await QueryContextDiscovery.DiscoverAsync(layer.DataSource, cancellationToken).ConfigureAwait(false);
        return new ControlRows(variant, database, Cases(options, context));
    }

    /// <summary>The control's variant: Composite when measured, else the first.</summary>
    private static SchemaVariant ControlVariant(SweepOptions options) => options.Variants.Contains(SchemaVariant.Composite) ? SchemaVariant.Composite : options.Variants[0];

    /// <summary>The control's rows: its variant, its database and the query cases found on them.</summary>
    private sealed record ControlRows(SchemaVariant Variant, string Database, IReadOnlyList<QueryCase> Cases);

    /// <summary>The catalog's cases for <paramref name="context"/> that <c>--queries</c> selects, in catalog order (the same names for every context).</summary>
    private static List<QueryCase> Cases(SweepOptions options, QueryContext context) =>
        [.. QueryCatalog.All(context).Where(c => options.QueryFilters.Count == 0 || options.QueryFilters.Any(f => c.Name.Contains(f, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>The fewest trading days a size spans: a week, every weekday at least once.</summary>
    private const int MinimumTradingDays = 5;

    /// <summary>
    /// The seed of one size: rows grow the way production grows, a steady daily volume over a longer span (more months, more
    /// partitions). Only a size under <see cref="MinimumTradingDays"/> days' volume is seeded denser than that volume.
    /// </summary>
    private static SeedOptions SeedOptionsFor(SweepOptions options, long size)
    {
        var calendarDays = CalendarDays(options, size);
        return new SeedOptions
        {
            Scale = "sweep-" + ReportLabel(size),
            Profiles = options.SeedProfiles,
            // A span reaching back before the calendar's first day starts on it: a date the seeder refuses (SeedProblem).
            From = calendarDays < BenchSeeding.End.DayNumber ? BenchSeeding.End.AddDays(-(int)calendarDays) : DateOnly.MinValue,
            To = BenchSeeding.End,
            Trades = size,
            Symbols = 200,
            HealthIntervalMinutes = 60,
            Variants = options.Variants,
            DatabasePrefix = options.PrefixOf(ReportLabel(size)),
            Mode = SeedMode.Replace,
            Force = true,
        };
    }

    /// <summary>The calendar days one size spans at the sweep's trades per trading day (5 of every 7 days), at least a week.</summary>
    private static double CalendarDays(SweepOptions options, long size) =>
        Math.Ceiling(Math.Max(MinimumTradingDays, Math.Ceiling((double)size / options.SeedTradesPerDay)) * 7 / 5.0);

    /// <summary>
    /// Records one size's dataset: as the manifest's dataset (the latest size) and, since each size is its own dataset,
    /// as a <c>dataset.SCALE</c> parameter, so every size's seed, checksum and rows stay in the provenance.
    /// </summary>
    internal static void RecordDataset(RunManifest manifest, DatasetInfo dataset)
    {
        manifest.Dataset = dataset;
        manifest.Parameters["dataset." + dataset.Scale] = dataset.Describe();
    }

    /// <summary>The file name (without <c>.json</c>) of the sweep's measurements.</summary>
    public const string MeasurementsName = "measurements";

    private static CapacityData Data(SweepOptions options, List<VariantMeasurement> measurements, List<VariantMeasurement> copies, List<VariantMeasurement> cacheStates, List<ControlMeasurement> controls)
    {
        return new([.. measurements], LatencyTargets.Default)
        {
            Copies = [.. copies],
            CacheStates = [.. cacheStates],
            Controls = [.. controls],
            SizesInterleaved = options.InterleaveSizes,
            SeedProfiles = options.SeedProfiles,
            SeedTradesPerProfilePerDay = SeedTradesPerProfilePerDay(options),
        };
    }

    /// <summary>What one seeded profile adds per calendar day over the largest size's span, for the report to set beside the reader's: every query reads one profile.</summary>
    internal static double SeedTradesPerProfilePerDay(SweepOptions options)
    {
        var largest = options.Sizes.Max();
        return largest / options.SeedProfiles / CalendarDays(options, largest);
    }

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
