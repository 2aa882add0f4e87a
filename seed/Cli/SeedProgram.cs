using System.CommandLine;
using System.Globalization;
using MySqlConnector;
using Perf.Harness.CommandLine;
using Perf.Harness.Provisioning;
using Perf.Harness.Results;
using Spectre.Console;
using Telemetry.CommandLine;
using Telemetry.Data;
using Telemetry.Data.Writes;

namespace Perf.Seed.Cli;

/// <summary>The seeder's command line: parses, seeds with progress, prints a summary, and maps failures to <see cref="ExitCodes"/>.</summary>
public static class SeedProgram
{
    /// <summary>Runs the command line in <paramref name="args"/> (server flags included); returns the exit code.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        return CommandLineRunner.RunAsync(Create(args, output, error), args, output, error, cancellationToken);
    }

    /// <summary>The command tree: seeding at the root, <c>bench-load</c> below it; <paramref name="args"/> is recorded in manifests.</summary>
    internal static Command Create(string[] args, TextWriter output, TextWriter error)
    {
        var harness = new HarnessOptions();
        var options = new SeedCommandLine(harness);
        var root = CommandLineRunner.CreateRoot("seed", "Seeds the telemetry variant databases (basic, composite, partitioned) with a deterministic dataset.");
        harness.AddServerOptions(root, redis: false);
        options.AddTo(root);
        root.Options.Add(harness.Results);
        root.SetAction((parse, token) => SeedAsync(
            harness.Provisioning(parse), options.Read(parse, DateOnly.FromDateTime(DateTime.UtcNow)), parse.GetValue(harness.Results), args, output, error, token));
        root.Subcommands.Add(BulkLoadBenchmark.CreateCommand(harness, args, output, error));
        return root;
    }

    /// <summary>Seeds, prints the summary, and with <c>--results</c> writes the run (manifest and <c>seed.json</c> with every phase's span) there.</summary>
    private static async Task<int> SeedAsync(
        ProvisioningOptions provisioning, SeedOptions options, string? resultsDirectory, string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            await using var server = await ServerProvisioner.ProvisionAsync(provisioning, cancellationToken).ConfigureAwait(false);
            var manifest = RunManifest.Create("seed", server, args);
            var result = await SeedWithProgressAsync(server.AdminConnectionString, options, output, cancellationToken).ConfigureAwait(false) with { SeederPeakRssBytes = PeakMemory.Bytes() };
            await output.WriteLineAsync(ProgressText.Summary(result)).ConfigureAwait(false);
            if (resultsDirectory is not null)
            {
                manifest.Dataset = result.ToDatasetInfo();
                manifest.EndedUtc = DateTime.UtcNow;
                var writer = await ResultWriter.CreateAsync(manifest, resultsDirectory, cancellationToken).ConfigureAwait(false);
                await writer.WriteJsonAsync("seed", result, cancellationToken).ConfigureAwait(false);
                await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync($"  results: {writer.Directory}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A preset's dates (and --days') end today (UTC): after midnight the same command names another dataset and replaces this one.
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"seed: interrupted; whole chunks are kept: rerun the same command to resume, or after UTC midnight add --from {options.From:yyyy-MM-dd} --to {options.To:yyyy-MM-dd}.")).ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }
        catch (Exception ex) when (FailureLine(ex) is { } line)
        {
            await error.WriteLineAsync(line).ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    /// <summary>The one line the command prints for a failure it expects (the server, the data, the disk); null for a bug, which keeps its stack trace.</summary>
    /// <remarks>The seeding itself reports a lost server as a <see cref="SeedException"/> that says what to do; one lost before it (reading the server's facts) gets a line of its own.</remarks>
    internal static string? FailureLine(Exception exception) => exception switch
    {
        SeedException or ProvisioningException => $"seed: {exception.Message}",
        _ when ServerFailure.ConnectionLost(exception) => $"seed: lost the connection to the server ({exception.GetBaseException().Message})",
        MySqlException or BulkWriteException or ArgumentException or IOException or UnauthorizedAccessException => $"seed: {exception.Message}",
        _ => null,
    };

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
                new RateColumn(),
                new ElapsedTimeColumn(),
                new EtaColumn(),
                new SpinnerColumn())
            .StartAsync(async context =>
            {
                result = await DatasetSeeder.SeedAsync(connectionString, options, new SpectreProgress(context), cancellationToken).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return result!;
    }
}
