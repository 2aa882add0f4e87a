using System.CommandLine;
using Telemetry.CommandLine;
using Telemetry.Data.Lifecycle;
using Telemetry.Data.Queries;

namespace Telemetry.Jobs;

/// <summary>The options that say when and how archival runs, defined once for the jobs CLI and bench's archival benchmark: <c>--now</c>, the retention periods, <c>--chunk-size</c> and <c>--pause-ms</c>.</summary>
public sealed class ArchivalOptions
{
    /// <summary><c>--now</c>: the instant jobs compute cutoffs from.</summary>
    public Option<string?> Now { get; } = new("--now") { Description = "run as if it were this UTC instant (ISO 8601)", HelpName = "instant", Recursive = true };

    /// <summary><c>--trades-retention</c>.</summary>
    public Option<string?> TradesRetention { get; } = new("--trades-retention") { Description = "default 365d (periods: 90d, 12w, 18mo, 1y)", HelpName = "period", Recursive = true };

    /// <summary><c>--metrics-retention</c>.</summary>
    public Option<string?> MetricsRetention { get; } = new("--metrics-retention") { Description = "default 730d", HelpName = "period", Recursive = true };

    /// <summary><c>--health-retention</c>.</summary>
    public Option<string?> HealthRetention { get; } = new("--health-retention") { Description = "default 90d", HelpName = "period", Recursive = true };

    /// <summary><c>--chunk-size</c>: rows per transaction on the row path.</summary>
    public Option<int?> ChunkSize { get; } = WholeNumber.Int32Option("--chunk-size", RetentionOptions.MinChunkSize, RetentionOptions.MaxChunkSize, "rows per transaction on the row path (default 5000)", recursive: true);

    /// <summary><c>--pause-ms</c>: the pause after each chunk or partition step.</summary>
    public Option<int?> PauseMs { get; } = WholeNumber.Int32Option("--pause-ms", 0, (int)RetentionOptions.MaxPause.TotalMilliseconds, "pause after each chunk or partition step, ms (default 20)", recursive: true);

    /// <summary>Every option, to add to a command.</summary>
    public IEnumerable<Option> All => [Now, TradesRetention, MetricsRetention, HealthRetention, ChunkSize, PauseMs];


    /// <summary>The <c>--now</c> instant, or null for the real clock.</summary>
    /// <exception cref="UsageException">It is not an ISO 8601 instant, or not one whose retention cutoffs and partitions ahead the server can hold.</exception>
    public DateTime? ReadNow(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.GetValue(Now) is not { } text)
        {
            return null;
        }

        // The API's own rule: "04/03/2026" or "12:00" would otherwise be read as some date (the latter today's, by the clock).
        if (!QueryRules.TryParseIsoInstant(text, out var instant))
        {
            throw new UsageException($"--now '{text}' is not an ISO 8601 date or date-time, e.g. 2026-01-31 or 2026-01-31T00:00:00Z.");
        }

        // The server's DATETIME runs from year 1000 to 9999; a cutoff reaches back up to 100 years, partitions a few ahead.
        return instant.Year is >= 1100 and <= 9899 ? instant
            : throw new UsageException($"--now '{text}' is out of range: give an instant from year 1100 to 9899 (retention reaches back up to 100 years and the server's dates run from 1000 to 9999).");
    }

    /// <summary>The retention periods.</summary>
    /// <exception cref="UsageException">A period does not parse.</exception>
    public RetentionPolicy ReadPolicy(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        try
        {
            return RetentionPolicy.Parse(parse.GetValue(TradesRetention), parse.GetValue(MetricsRetention), parse.GetValue(HealthRetention));
        }
        catch (FormatException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    /// <summary>Chunking and pacing, and <paramref name="dryRun"/>.</summary>
    /// <remarks>The options' bounds are <see cref="RetentionOptions"/>' own, so a value out of range is the option's parse error, named.</remarks>
    public RetentionOptions ReadRetention(ParseResult parse, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var retention = new RetentionOptions { DryRun = dryRun };
        retention = parse.GetValue(ChunkSize) is { } size ? retention with { ChunkSize = size } : retention;
        return parse.GetValue(PauseMs) is { } pause ? retention with { Pause = TimeSpan.FromMilliseconds(pause) } : retention;
    }
}
