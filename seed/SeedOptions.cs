using System.Globalization;
using Perf.Seed.Generation;
using Telemetry.Data.Schema;

namespace Perf.Seed;

/// <summary>What to seed and how.</summary>
public sealed record SeedOptions
{
    /// <summary>The master random seed.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>The scale's name, recorded with the dataset (a preset name, or <c>custom</c>).</summary>
    public string Scale { get; init; } = SeedPreset.Small.Name;

    /// <summary>Trading profiles, ids 1..N.</summary>
    public int Profiles { get; init; } = SeedPreset.Small.Profiles;

    /// <summary>The first day (UTC) of the range.</summary>
    public DateOnly From { get; init; } = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-SeedPreset.Small.Days);

    /// <summary>The day after the last (exclusive).</summary>
    public DateOnly To { get; init; } = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Trades in total.</summary>
    public long Trades { get; init; } = SeedPreset.Small.Trades;

    /// <summary>The size of the symbol universe.</summary>
    public int Symbols { get; init; } = 500;

    /// <summary>Minutes between health samples of one script; 0 writes no health rows.</summary>
    public int HealthIntervalMinutes { get; init; } = SeedPreset.Small.HealthIntervalMinutes;

    /// <summary>The variants to fill; each lives in its own database.</summary>
    public IReadOnlyList<SchemaVariant> Variants { get; init; } = [SchemaVariant.Basic, SchemaVariant.Composite, SchemaVariant.Partitioned];

    /// <summary>What to do with existing data.</summary>
    public SeedMode Mode { get; init; } = SeedMode.Replace;

    /// <summary>Load even when the same dataset is already present.</summary>
    public bool Force { get; init; }

    /// <summary>The database name prefix (see <see cref="VariantDatabase"/>).</summary>
    public string DatabasePrefix { get; init; } = VariantDatabase.DefaultPrefix;

    /// <summary>Rows per load transaction (whole trading days; the unit of resume).</summary>
    public int ChunkRows { get; init; } = 50_000;

    /// <summary>Drop secondary indexes before loading into empty tables and build them afterwards (faster here).</summary>
    public bool IndexesAfterLoad { get; init; } = true;

    /// <summary>Fill a variant that keeps its rows like the loaded one (composite from basic) from the loaded one's table files when the server's files are on this machine; false always copies rows.</summary>
    public bool ImportTablespaces { get; init; } = true;

    /// <summary>Compute <c>dd_telemetry_metrics</c> from the trades once loaded.</summary>
    public bool ComputeMetrics { get; init; } = true;

    /// <summary>Rows loaded into empty tables as one transaction (one LOAD DATA per table) before chunked loading starts.</summary>
    /// <remarks>
    /// InnoDB (MariaDB 10.7+, with unique and foreign-key checks off) builds a table that is empty at the start of a
    /// transaction in sorted bulk mode without per-row undo, which only one transaction can use. An interrupted segment
    /// rolls back whole and is loaded again; after it, every chunk is its own transaction and the unit of resume.
    /// </remarks>
    public long BulkSegmentRows { get; init; } = 5_000_000;

    /// <summary>The most disk the run may take (bytes, the tables as InnoDB stores them); null: the free space of the server's data directory when it is on this machine.</summary>
    public long? MaxDiskBytes { get; init; }

    /// <summary>Where the metric windows wait between the load and their LOAD DATA (<see cref="MetricWindowSpill"/>); null: the system's temporary directory (<c>TMPDIR</c>, else <c>/tmp</c>).</summary>
    public string? SpillDirectory { get; init; }

    /// <summary>Chunks generated ahead of the loader (bounds memory: each holds about <see cref="ChunkRows"/> rows).</summary>
    public int GenerateAhead { get; init; } = 2;

    /// <summary>Options for a preset, ending today (UTC).</summary>
    public static SeedOptions FromPreset(SeedPreset preset, DateOnly? to = null)
    {
        ArgumentNullException.ThrowIfNull(preset);
        var end = to ?? DateOnly.FromDateTime(DateTime.UtcNow);
        return new SeedOptions
        {
            Scale = preset.Name,
            Profiles = preset.Profiles,
            From = end.AddDays(-preset.Days),
            To = end,
            Trades = preset.Trades,
            HealthIntervalMinutes = preset.HealthIntervalMinutes,
        };
    }

    /// <summary>The content-deciding part of the options.</summary>
    public DatasetSpec ToSpec() => new(Seed, Profiles, From, To, Trades, Symbols, HealthIntervalMinutes, ComputeMetrics);

    /// <summary>The most trades a trading day may hold on average.</summary>
    public const long MaxTradesPerDay = 5_000_000;

    /// <summary>The most health rows a trading day may hold (every profile with the most scripts).</summary>
    /// <remarks>A day's rows are generated whole: 100 bytes a health row against 168 a trade (measured here, .NET 10), so this holds about the memory of <see cref="MaxTradesPerDay"/> trades.</remarks>
    public const long MaxHealthRowsPerDay = 8_000_000;

    /// <summary>The most profiles a dataset may have.</summary>
    public const int MaxProfiles = 100_000;

    /// <summary>Checks the options; returns the first problem, or null.</summary>
    public string? Validate()
    {
        if (Profiles is < 1 or > MaxProfiles)
        {
            return $"--profiles must be between 1 and {MaxProfiles}.";
        }

        if (Trades is < 0 or > 2_000_000_000)
        {
            return "--trades must be between 0 and 2000000000.";
        }

        if (Symbols is < 1 or > 20_000)
        {
            return "--symbols must be between 1 and 20000.";
        }

        if (HealthIntervalMinutes is < 0 or > 1440)
        {
            return "--health-interval must be between 0 and 1440 minutes.";
        }

        if (To <= From)
        {
            return "--to must be after --from.";
        }

        if (From.Year < 2000 || To.Year > 2100)
        {
            return "dates must lie between 2000 and 2100.";
        }

        var days = MarketCalendar.TradingDays(From, To);
        var tradingDays = days.Count;
        if (tradingDays == 0)
        {
            return "the date range holds no trading day (weekends and holidays only).";
        }

        // A trading day is generated whole, in memory (a chunk holds at least one): beyond this the generator runs out of it.
        if (Trades / tradingDays > MaxTradesPerDay)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"--trades {Trades} over {tradingDays} trading day(s) is {Trades / tradingDays:N0} a day; a day is generated whole in memory, so at most {MaxTradesPerDay:N0} a day: widen the dates (--days, --from/--to) or lower --trades.");
        }

        var samples = DatasetPlan.SamplesPerDay(days[0], HealthIntervalMinutes);
        var healthPerDay = (long)Profiles * MarketUniverse.MaxScriptsPerProfile * samples;
        if (healthPerDay > MaxHealthRowsPerDay)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"--health-interval {HealthIntervalMinutes} with --profiles {Profiles} is up to {healthPerDay:N0} health rows a trading day ({samples} samples of up to {MarketUniverse.MaxScriptsPerProfile} scripts a profile); a day is generated whole in memory, so at most {MaxHealthRowsPerDay:N0} a day: raise --health-interval or lower --profiles.");
        }

        if (Variants.Count == 0 || Variants.Distinct().Count() != Variants.Count)
        {
            return "--variants must name each variant at most once.";
        }

        if (ChunkRows < 1_000)
        {
            return "chunks must hold at least 1000 rows.";
        }

        return null;
    }
}
