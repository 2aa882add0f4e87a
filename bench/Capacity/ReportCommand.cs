using System.Text.Json;
using Perf.Harness;
using Perf.Harness.Provisioning;
using Perf.Harness.Reports;
using Perf.Harness.Results;

namespace Perf.Bench.Capacity;

/// <summary><c>bench report</c>: the scale sweep and the capacity-planning report; <c>--from measurements.json</c> re-renders a stored sweep without a server.</summary>
internal static class ReportCommand
{
    public const string MeasurementsName = "measurements";

    /// <summary>The <c>report</c> command; its options are still read by <see cref="SweepOptions"/> (moving onto the shared options is next).</summary>
    public static System.CommandLine.Command Create(Perf.Harness.CommandLine.HarnessOptions harness, IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(harness);
        ArgumentNullException.ThrowIfNull(arguments);
        var command = new System.CommandLine.Command("report", "The scale sweep and the capacity-planning report (report.md, report.html); see bench/README.md for its options.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((parse, ct) => RunAsync([.. arguments.SkipWhile(a => a != "report").Skip(1)], ct));
        return command;
    }

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Any(a => a is "--help" or "-h" or "-?"))
        {
            Console.WriteLine(SweepOptions.Usage);
            return 0;
        }

        var root = RepositoryPaths.FindRoot();
        var from = TakeFrom(ref args);
        SweepOptions options;
        try
        {
            options = SweepOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message + "\n" + SweepOptions.Usage).ConfigureAwait(false);
            return 2;
        }

        CapacityData data;
        ResultWriter writer;
        if (from is not null)
        {
            await using var stream = File.OpenRead(from);
            data = await JsonSerializer.DeserializeAsync<CapacityData>(stream, ResultWriter.JsonOptions, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidDataException($"{from} holds no measurements.");
            // Re-rendering keeps the provenance of the run that measured.
            var stored = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(from))!, ResultWriter.ManifestFileName);
            var manifest = File.Exists(stored)
                ? await RunManifestFile.ReadAsync(stored, cancellationToken).ConfigureAwait(false)
                : RunManifest.Create("report", null, ["report", .. args, "--from", from], root);
            writer = await ResultWriter.CreateAsync(manifest, options.ResultsDirectory, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            try
            {
                await using var server = await ServerProvisioner.ProvisionAsync(options.Provisioning, cancellationToken).ConfigureAwait(false);
                var manifest = RunManifest.Create("report", server, ["report", .. args], root);
                manifest.Parameters["sizes"] = string.Join(',', options.Sizes);
                manifest.Parameters["rounds"] = options.Rounds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                manifest.Parameters["executions"] = options.Executions.ToString(System.Globalization.CultureInfo.InvariantCulture);
                manifest.Parameters["aa"] = options.AaVariant?.ToString() ?? "off";
                manifest.Parameters["capacity"] = options.Capacity is null ? "off" : "on";
                writer = await ResultWriter.CreateAsync(manifest, options.ResultsDirectory, cancellationToken).ConfigureAwait(false);
                data = await CapacitySweep.RunAsync(options, server, writer, root, cancellationToken).ConfigureAwait(false);
            }
            catch (ProvisioningException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return 2;
            }

            await writer.WriteJsonAsync(MeasurementsName, data, cancellationToken).ConfigureAwait(false);
        }

        var analysis = CapacityAnalysis.Analyze(data, options.Assumptions);
        var html = await CapacityReportWriter.WriteAsync(writer, analysis, cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"report: {Path.Combine(writer.Directory, "report.md")}");
        Console.WriteLine($"report: {html}");
        return 0;
    }

    private static string? TakeFrom(ref string[] args)
    {
        var index = Array.IndexOf(args, "--from");
        if (index < 0 || index + 1 >= args.Length)
        {
            return null;
        }

        var from = args[index + 1];
        args = [.. args[..index], .. args[(index + 2)..]];
        return from;
    }
}
