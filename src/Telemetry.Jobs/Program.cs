using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telemetry.CommandLine;
using Telemetry.Data;
using Telemetry.Jobs;

var root = new JobsCommandLine().Create(RunAsync);
return await CommandLineRunner.RunAsync(root, args, Console.Out, Console.Error);

// Runs the parsed command: the worker under the generic host, anything else once.
static async Task<int> RunAsync(JobArguments arguments, CancellationToken cancellationToken)
{
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
        await builder.Build().RunAsync(cancellationToken);
        return ExitCodes.Success;
    }

    using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
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
        await new JobRunner(dataSource, http, arguments, loggers, Console.Out).RunAsync(arguments.Job!.Value, arguments.Clock, cancel.Token);
        return ExitCodes.Success;
    }
    catch (OperationCanceledException) when (cancel.IsCancellationRequested)
    {
        await Console.Error.WriteLineAsync("cancelled; rerun to finish (every completed step is kept, nothing is half-moved).");
        return ExitCodes.Interrupted;
    }
#pragma warning disable CA1031 // The CLI's last line of defence: report the failure and exit nonzero for cron (usage errors go on to the runner's one line).
    catch (Exception ex) when (ex is not UsageException)
#pragma warning restore CA1031
    {
        await Console.Error.WriteLineAsync($"{arguments.Command} failed: {ex.Message}");
        return ExitCodes.Failure;
    }
}
