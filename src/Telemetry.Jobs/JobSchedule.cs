using Cronos;
using Telemetry.CommandLine;

namespace Telemetry.Jobs;

/// <summary>When the worker runs one job: a cron expression in UTC (five fields, or six with seconds first).</summary>
/// <param name="Job">The job.</param>
/// <param name="Expression">The expression as written.</param>
/// <param name="Cron">The parsed expression.</param>
internal sealed record JobSchedule(JobKind Job, string Expression, CronExpression Cron)
{
    /// <summary>The default schedules: hourly and daily rollups, monthly archival, nightly ANALYZE, and so on.</summary>
    public static IReadOnlyDictionary<JobKind, string> Defaults { get; } = new Dictionary<JobKind, string>
    {
        [JobKind.RollupHourly] = "5 * * * *",
        [JobKind.RollupDaily] = "0 1 * * *",
        [JobKind.Archive] = "0 2 1 * *",
        [JobKind.MaintainPartitions] = "30 1 * * *",
        [JobKind.Analyze] = "0 3 * * *",
        [JobKind.Monitor] = "* * * * *",
        [JobKind.WatchSlowQueries] = "*/2 * * * * *",
        [JobKind.WarmCache] = "*/5 * * * *",
    };

    /// <summary>Parses a cron expression for <paramref name="job"/>.</summary>
    /// <exception cref="UsageException">The expression is not valid cron; the message says which job and why.</exception>
    public static JobSchedule Parse(JobKind job, string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        try
        {
            var format = fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
            return new JobSchedule(job, expression, CronExpression.Parse(expression, format));
        }
        catch (CronFormatException ex)
        {
            throw new UsageException($"Invalid cron expression '{expression}' for {job.ToName()}: {ex.Message} (five fields 'min hour day month weekday', or six with seconds first).");
        }
    }

    /// <summary>The next time the job is due strictly after <paramref name="after"/> (UTC), or null if never.</summary>
    public DateTime? Next(DateTime after) => Cron.GetNextOccurrence(DateTime.SpecifyKind(after, DateTimeKind.Utc));
}
