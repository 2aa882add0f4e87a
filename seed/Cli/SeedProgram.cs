using MySqlConnector;
using Spectre.Console;
using Telemetry.Data.Writes;

namespace Perf.Seed.Cli;

/// <summary>The seeder's command line: parses, seeds with progress, prints a summary, and maps failures to exit codes.</summary>
public static class SeedProgram
{
    /// <summary>Exit code for a bad command line (nothing was written).</summary>
    public const int UsageError = 2;

    /// <summary>Exit code for a failure while seeding.</summary>
    public const int Failure = 1;

    /// <summary>Exit code after Ctrl+C (rerun the same command to resume).</summary>
    public const int Interrupted = 130;

    /// <summary>The environment variable naming the server when <c>--mysql</c> is not given.</summary>
    public const string ConnectionVariable = "PERF_MYSQL";

    /// <summary>Runs the command line in <paramref name="args"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Length > 0 && args[0] == "bench-load")
        {
            return await BulkLoadBenchmark.RunAsync(args[1..], output, error, cancellationToken).ConfigureAwait(false);
        }

        SeedCommand command;
        try
        {
            command = SeedCommandLine.Parse(args, DateOnly.FromDateTime(DateTime.UtcNow));
        }
        catch (CommandLineException ex)
        {
            await error.WriteLineAsync($"seed: {ex.Message}").ConfigureAwait(false);
            await error.WriteLineAsync("Run with --help for usage.").ConfigureAwait(false);
            return UsageError;
        }

        if (command.Help)
        {
            await output.WriteLineAsync(SeedCommandLine.Usage).ConfigureAwait(false);
            return 0;
        }

        var connectionString = command.ConnectionString ?? Environment.GetEnvironmentVariable(ConnectionVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await error.WriteLineAsync($"seed: no server: pass --mysql \"Server=...;User ID=...;Password=...\" or set {ConnectionVariable}.").ConfigureAwait(false);
            return UsageError;
        }

        try
        {
            var result = await SeedWithProgressAsync(connectionString, command.Options, output, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(ProgressText.Summary(result, PeakMemory.Bytes())).ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("seed: interrupted; whole chunks are kept, rerun the same command to resume.").ConfigureAwait(false);
            return Interrupted;
        }
        catch (Exception ex) when (ex is MySqlException or SeedException or BulkWriteException or ArgumentException)
        {
            await error.WriteLineAsync($"seed: {ex.Message}").ConfigureAwait(false);
            return Failure;
        }
    }

    private static async Task<SeedResult> SeedWithProgressAsync(string connectionString, SeedOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var interactive = !Console.IsOutputRedirected && output == Console.Out
            && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!interactive)
        {
            return await DatasetSeeder.SeedAsync(connectionString, options, new PlainProgress(output), cancellationToken).ConfigureAwait(false);
        }

        SeedResult? result = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new RowsPerSecondColumn(),
                new ElapsedTimeColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn())
            .StartAsync(async context =>
            {
                result = await DatasetSeeder.SeedAsync(connectionString, options, new SpectreProgress(context), cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return result!;
    }
}
