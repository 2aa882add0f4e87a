using System.CommandLine;
using MySqlConnector;
using Perf.Analysis.Capacity;
using Perf.Harness;
using Perf.Harness.CommandLine;
using Perf.Harness.Provisioning;
using Perf.Harness.Reports;
using Perf.Harness.Results;
using Perf.Seed;
using Telemetry.CommandLine;

namespace Perf.Bench.Capacity;

/// <summary><c>bench report</c>: the scale sweep and the capacity-planning report; <c>--measurements measurements.json</c> re-renders a stored sweep without a server.</summary>
internal static class ReportCommand
{
    /// <summary>The <c>report</c> command.</summary>
    public static Command Create(HarnessOptions harness, IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(harness);
        ArgumentNullException.ThrowIfNull(arguments);
        var lines = new ReportCommandLine(harness);
        var command = new Command("report", "The scale sweep and the capacity-planning report: per size and variant, latency with intervals in interleaved rounds, exact work, bytes and capacity; writes report.md and report.html.");
        lines.AddTo(command);
        // With --measurements, --sizes given on the command line picks the stored sizes to render: the report those sizes alone would give.
        command.SetAction((parse, ct) => RunAsync(lines.Read(parse), parse.GetValue(lines.Measurements), parse.GetResult(lines.Sizes) is { Implicit: false }, arguments, ct));
        return command;
    }

    /// <summary>The sweep's options as <paramref name="args"/> (the words after <c>report</c>) give them (tests, and tools that compose the sweep).</summary>
    /// <exception cref="UsageException">The command line is wrong.</exception>
    public static SweepOptions ParseOptions(IReadOnlyList<string> args)
    {
        var harness = new HarnessOptions();
        var lines = new ReportCommandLine(harness);
        var command = new Command("report");
        lines.AddTo(command);
        harness.AddServerOptions(command);
        return lines.Read(CommandLineRunner.Parse(command, args));
    }

    private static async Task<int> RunAsync(SweepOptions options, string? from, bool sizesGiven, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var root = RepositoryPaths.FindRoot();
        CapacityData data;
        ResultWriter writer;
        if (from is not null && !File.Exists(from))
        {
            throw new UsageException($"--measurements: {from} {(Directory.Exists(from) ? "is a folder" : "does not exist")} (give a sweep's measurements.json).");
        }

        if (from is not null)
        {
            try
            {
                data = await ResultJson.ReadAsync<CapacityData>(from, "a sweep's measurements.json", "holds no measurements.", strict: true, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException ex)
            {
                throw new UsageException($"--measurements: {ex.Message}");
            }

            if (data.Measurements.Count == 0)
            {
                throw new UsageException($"--measurements: {from} holds no measurements: there is no report to render.");
            }

            if (data.Problem() is { } problem)
            {
                throw new UsageException($"--measurements: {from} cannot be reported: {problem}");
            }

            var storedSizes = data.Measurements.Select(m => m.TradeRows).Distinct().Order().ToList();
            var subset = sizesGiven ? SizesOf(data, options.Sizes) : null;
            if (subset is not null)
            {
                data = subset;
            }

            // Re-rendering keeps the provenance of the run that measured, and says which code wrote the text from it. Without
            // it the report would head the measurements with the renderer's commit and machine and no server.
            var stored = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(from))!, ResultWriter.ManifestFileName);
            if (!File.Exists(stored))
            {
                throw new UsageException($"--measurements: {stored} is missing: the report needs the manifest.json the sweep wrote beside its measurements.json (commit, server, machine, dataset); keep the two together.");
            }

            RunManifest manifest;
            try
            {
                manifest = await RunManifestFile.ReadAsync(stored, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException ex)
            {
                throw new UsageException($"--measurements: the run's manifest beside it is unreadable: {ex.Message}");
            }
            var renderer = GitInfo.TryReadBuild();
            var which = subset is null ? string.Empty : $" (sizes {string.Join(',', options.Sizes.Select(s => ReportFormat.Rows(s)))} of {string.Join(',', storedSizes.Select(s => ReportFormat.Rows(s)))})";
            manifest.Parameters[ProvenanceBlock.RenderedParameter] = $"from measurements.json{which} by {(renderer is null ? "an unknown commit" : renderer.Commit[..Math.Min(12, renderer.Commit.Length)] + (renderer.Dirty == true ? " (dirty)" : string.Empty))}";
            writer = await ResultWriter.CreateAsync(manifest, options.ResultsDirectory, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            if (CapacitySweep.SeedProblem(options) is { } refused)
            {
                throw new UsageException(refused);
            }

            string? runFolder = null;
            try
            {
                await using var server = await ServerProvisioner.ProvisionAsync(options.Provisioning, cancellationToken).ConfigureAwait(false);
                if (options.CacheStates.Count > 0 && !server.CanRestart)
                {
                    throw new UsageException($"--cache-states {string.Join(',', options.CacheStates).ToLowerInvariant()} restarts the server, so it needs the local server this run starts; {server.Source} was started elsewhere (stop the other tool using it, or drop --mysql/PERF_MYSQL).");
                }

                if (server.QueryCacheProblem("the sweep") is { } queryCache)
                {
                    throw new UsageException(queryCache);
                }

                if (await CapacitySweep.DiskProblemAsync(options, server, cancellationToken).ConfigureAwait(false) is { } problem)
                {
                    await Console.Error.WriteLineAsync("report: " + problem).ConfigureAwait(false);
                    return ExitCodes.Failure;
                }

                var manifest = RunManifest.Create("report", server, args);
                manifest.Parameters["sizes"] = string.Join(',', options.Sizes);
                manifest.Parameters["rounds"] = options.Rounds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                manifest.Parameters["executions"] = options.Executions.ToString(System.Globalization.CultureInfo.InvariantCulture);
                manifest.Parameters["interleave-sizes"] = options.InterleaveSizes ? "on" : "off";
                manifest.Parameters["aa"] = options.AaVariant?.ToString() ?? "off";
                manifest.Parameters["capacity"] = options.Capacity is null ? "off" : "on";
                manifest.Parameters["cache-states"] = string.Join(',', ["warm", .. options.CacheStates.Select(s => s.ToString().ToLowerInvariant())]);
                manifest.Parameters["constrained-buffer-pool"] = options.CacheStates.Contains(CacheState.Constrained) ? string.Join(',', options.ConstrainedPools.Select(p => new ByteSize(p).ToString())) : "off";
                writer = await ResultWriter.CreateAsync(manifest, options.ResultsDirectory, cancellationToken).ConfigureAwait(false);
                runFolder = writer.Directory;
                data = await CapacitySweep.RunAsync(options, server, writer, root, cancellationToken).ConfigureAwait(false);
            }
            catch (ProvisioningException ex)
            {
                await Console.Error.WriteLineAsync("report: " + ex.Message).ConfigureAwait(false);
                return ExitCodes.Failure;
            }
            catch (SeedException ex)
            {
                await Console.Error.WriteLineAsync($"report: {ex.Message}{(runFolder is not null && File.Exists(Path.Combine(runFolder, CapacitySweep.MeasurementsName + ".json")) ? " Every size measured before it is in the run folder's measurements.json (re-render it with --measurements)." : string.Empty)}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }
            catch (MySqlException ex)
            {
                await Console.Error.WriteLineAsync($"report: the server failed ({ex.Message}); every size measured before it is in the run folder's measurements.json (re-render it with --measurements).").ConfigureAwait(false);
                return ExitCodes.Failure;
            }
        }

        var analysis = CapacityAnalysis.Analyze(data, options.Assumptions);
        var html = await CapacityReportWriter.WriteAsync(writer, analysis, cancellationToken).ConfigureAwait(false);
        Console.WriteLine($"report: {Path.Combine(writer.Directory, "report.md")}");
        Console.WriteLine($"report: {html}");
        return 0;
    }

    /// <summary>The stored measurements of <paramref name="sizes"/> alone (warm, cold and constrained, the A/A copies and the control).</summary>
    /// <exception cref="UsageException">A size was not measured.</exception>
    private static CapacityData SizesOf(CapacityData data, IReadOnlyList<long> sizes)
    {
        var stored = data.Measurements.Select(m => m.TradeRows).ToHashSet();
        var missing = sizes.Where(s => !stored.Contains(s)).ToList();
        if (missing.Count > 0)
        {
            throw new UsageException($"--sizes: {string.Join(", ", missing.Select(s => ReportFormat.Rows(s)))} not measured in this sweep; it holds {string.Join(", ", stored.Order().Select(s => ReportFormat.Rows(s)))}.");
        }

        return data with
        {
            Measurements = [.. data.Measurements.Where(m => sizes.Contains(m.TradeRows))],
            CacheStates = [.. data.CacheStates.Where(m => sizes.Contains(m.TradeRows))],
            Copies = [.. data.Copies.Where(m => sizes.Contains(m.TradeRows))],
            Controls = [.. data.Controls.Where(c => sizes.Contains(c.TradeRows))],
        };
    }
}
