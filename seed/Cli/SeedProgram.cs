using MySqlConnector;
using Perf.Harness.Provisioning;
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

    /// <summary>Runs the command line in <paramref name="args"/> (server flags included); returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        ProvisioningOptions provisioning;
        string[] rest;
        try
        {
            (provisioning, rest) = ProvisioningOptions.FromArgs(args);
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync($"seed: {ex.Message}").ConfigureAwait(false);
            return UsageError;
        }

        return await RunAsync(provisioning, rest, output, error, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the seeder's own flags in <paramref name="args"/> against the server <paramref name="provisioning"/> finds; returns the exit code.</summary>
    public static async Task<int> RunAsync(ProvisioningOptions provisioning, string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(provisioning);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Length > 0 && args[0] == "bench-load")
        {
            return await BulkLoadBenchmark.RunAsync(provisioning, args, output, error, cancellationToken).ConfigureAwait(false);
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

        try
        {
            await using var server = await ServerProvisioner.ProvisionAsync(provisioning, cancellationToken).ConfigureAwait(false);
            var result = await SeedWithProgressAsync(server.AdminConnectionString, command.Options, output, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync(ProgressText.Summary(result, PeakMemory.Bytes())).ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("seed: interrupted; whole chunks are kept, rerun the same command to resume.").ConfigureAwait(false);
            return Interrupted;
        }
        catch (Exception ex) when (ex is ProvisioningException or MySqlException or SeedException or BulkWriteException or ArgumentException)
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
