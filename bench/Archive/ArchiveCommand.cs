using System.CommandLine;
using Perf.Harness.CommandLine;
using Telemetry.CommandLine;
using Telemetry.Data.Schema;
using Telemetry.Jobs;

namespace Perf.Bench.Archive;

/// <summary><c>bench archive</c>: archival throughput of the row path against the partition path over the same trades.</summary>
internal static class ArchiveCommand
{
    /// <summary>The <c>archive</c> command.</summary>
    public static Command Create(HarnessOptions harness, IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(harness);
        var archival = new ArchivalOptions();
        var rows = WholeNumber.Int32Option("--rows", 1, 100_000_000, "trades to seed (default 1000000)");
        var months = WholeNumber.Int32Option("--months", 2, 240, "months of history ending at --now (default 24)");
        var idleSeconds = WholeNumber.Int32Option("--idle-seconds", 1, 3600, "seconds the API is watched idle before archiving (default 15)");
        Option<bool> keep = new("--keep") { Description = "keep the bench databases (bench_archive_composite, bench_archive_partitioned)" };
        Option<string?> variant = new("--variant") { Description = "composite (row path), partitioned (partition path) or both (default both)", HelpName = "variant" };
        Option<string?> api = new("--api") { Description = "an API serving the bench database of --variant (composite or partitioned): its P99 from /metrics idle and during archival", HelpName = "url" };
        var command = new Command("archive", "Archival throughput, row path (Composite) vs partition path (Partitioned), over the same seeded trades; with --api, the API's P99 idle and during archival.");
        foreach (var option in archival.All.Concat([rows, months, idleSeconds, keep, variant, api, harness.Results]))
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, ct) =>
        {
            var variants = ParseVariants(parse.GetValue(variant));
            var apiUrl = ParseApi(parse.GetValue(api));
            if (apiUrl is not null && variants.Count > 1)
            {
                // One API serves one database: beside the other path its P99 would describe an archival it never saw.
                throw new UsageException("--api reads one API, which serves one bench database: give --variant composite or --variant partitioned, the one it serves.");
            }

            var options = new ArchiveBenchOptions(
                parse.GetValue(rows) ?? 1_000_000,
                parse.GetValue(months) ?? 24,
                archival.ReadNow(parse) ?? DateTime.UtcNow,
                variants,
                archival.ReadPolicy(parse),
                archival.ReadRetention(parse, dryRun: false),
                apiUrl,
                parse.GetValue(idleSeconds) ?? 15,
                parse.GetValue(keep),
                parse.GetValue(harness.Results),
                harness.Provisioning(parse));
            await ArchiveBenchmark.RunAsync(options, arguments, ct).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Uri? ParseApi(string? text) => text is null ? null : HttpUrl.Parse(text, "--api");

    private static IReadOnlyList<SchemaVariant> ParseVariants(string? text) => text?.ToUpperInvariant() switch
    {
        null or "BOTH" => [SchemaVariant.Composite, SchemaVariant.Partitioned],
        "COMPOSITE" => [SchemaVariant.Composite],
        "PARTITIONED" => [SchemaVariant.Partitioned],
        _ => throw new UsageException($"--variant '{text}' must be composite, partitioned or both."),
    };
}
