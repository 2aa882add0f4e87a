using Microsoft.Extensions.Logging;

namespace Telemetry.Jobs;

/// <summary>The jobs host's log messages.</summary>
internal static partial class JobsLog
{
    [LoggerMessage(1, LogLevel.Debug, "{Job} scheduled '{Cron}' (UTC); next run {Next:O}")]
    public static partial void Scheduled(ILogger logger, string job, string cron, DateTime? next);

    [LoggerMessage(2, LogLevel.Information, "{Job} finished in {Elapsed}")]
    public static partial void Finished(ILogger logger, string job, TimeSpan elapsed);

    [LoggerMessage(3, LogLevel.Error, "{Job} failed; it runs again at its next scheduled time")]
    public static partial void Failed(ILogger logger, Exception exception, string job);

    [LoggerMessage(4, LogLevel.Warning, "Monitoring: {Warning}")]
    public static partial void ApiWarning(ILogger logger, string warning);

    [LoggerMessage(5, LogLevel.Information, "Warmed {Url}: {Status} in {Milliseconds:0} ms")]
    public static partial void Warmed(ILogger logger, Uri url, int status, double milliseconds);
}
