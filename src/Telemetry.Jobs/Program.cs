using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telemetry.Data;
using Telemetry.Jobs;

JobArguments arguments;
try
{
    arguments = JobArguments.Parse(args);
}
catch (UsageException ex)
{
    await Console.Error.WriteLineAsync("error: " + ex.Message);
    await Console.Error.WriteLineAsync("Run 'Telemetry.Jobs help' for usage.");
    return 2;
}

if (arguments.Command == "help")
{
    Console.WriteLine(JobArguments.Usage);
    return 0;
}

var level = arguments.Verbose ? LogLevel.Debug : LogLevel.Information;
if (arguments.Command == "worker")
{
    var builder = Host.CreateApplicationBuilder();
    builder.Logging.SetMinimumLevel(level);
    builder.Services.AddSingleton(arguments);
    builder.Services.AddSingleton(TimeProvider.System);
    builder.Services.AddSingleton(_ => TelemetryDataSource.Create(arguments.ConnectionString));
    builder.Services.AddSingleton(_ => new HttpClient { Timeout = TimeSpan.FromSeconds(30) });
    builder.Services.AddSingleton(Console.Out);
    builder.Services.AddSingleton<JobRunner>();
    builder.Services.AddHostedService<LifecycleWorker>();
    await builder.Build().RunAsync();
    return 0;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(level));
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
await using var dataSource = TelemetryDataSource.Create(arguments.ConnectionString);
try
{
    if (arguments.Command == "bench-archive")
    {
        await new ArchiveBenchmark(arguments, http, loggers, Console.Out).RunAsync(cancel.Token);
    }
    else
    {
        await new JobRunner(dataSource, http, arguments, loggers, Console.Out).RunAsync(arguments.Job!.Value, arguments.Clock, cancel.Token);
    }

    return 0;
}
catch (UsageException ex)
{
    await Console.Error.WriteLineAsync("error: " + ex.Message);
    return 2;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    await Console.Error.WriteLineAsync("cancelled; rerun to finish (every completed step is kept, nothing is half-moved).");
    return 1;
}
#pragma warning disable CA1031 // The CLI's last line of defence: report the failure and exit nonzero for cron.
catch (Exception ex)
#pragma warning restore CA1031
{
    await Console.Error.WriteLineAsync($"{arguments.Command} failed: {ex.Message}");
    return 1;
}
