using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Telemetry.CommandLine;

namespace Perf.Load.Calibration;

/// <summary>Runs the Debian <c>wrk</c> (closed loop, no fixed-rate mode) and parses its latency distribution and rate.</summary>
/// <remarks>wrk times each request from its own send, so with a Lua <c>delay()</c> between requests on one connection it measures an idle server at a low, roughly fixed rate.</remarks>
internal static partial class WrkRunner
{
    /// <summary>Runs <c>wrk --latency</c> against <paramref name="url"/>.</summary>
    /// <param name="delayMilliseconds">When positive, each connection pauses this long between requests (wrk's Lua <c>delay()</c>), giving a roughly fixed low rate.</param>
    public static async Task<WrkResult> RunAsync(string wrk, Uri url, int threads, int connections, TimeSpan duration, int delayMilliseconds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        string? script = null;
        if (delayMilliseconds > 0)
        {
            script = Path.Combine(Path.GetTempPath(), $"perf-load-wrk-delay-{Environment.ProcessId}.lua");
            await File.WriteAllTextAsync(script, string.Create(CultureInfo.InvariantCulture, $"function delay()\n  return {delayMilliseconds}\nend\n"), cancellationToken).ConfigureAwait(false);
        }

        var arguments = string.Create(
            CultureInfo.InvariantCulture,
            $"-t{threads} -c{connections} -d{Math.Max(1, (int)duration.TotalSeconds)}s --latency {(script is null ? string.Empty : "-s " + script + " ")}{url}");
        try
        {
            var (exitCode, output) = await ExecuteAsync(wrk, arguments, cancellationToken).ConfigureAwait(false);
            return exitCode == 0 ? Parse(output, connections) : throw new UsageException($"'{wrk} {arguments}' exited with {exitCode}: {output}");
        }
        finally
        {
            if (script is not null)
            {
                File.Delete(script);
            }
        }
    }

    /// <summary>The first line of <c>wrk -v</c> (wrk exits 1 after printing it); a missing binary is a configuration error.</summary>
    public static async Task<string> VersionAsync(string wrk, CancellationToken cancellationToken)
    {
        var (_, output) = await ExecuteAsync(wrk, "-v", cancellationToken).ConfigureAwait(false);
        var first = output.Split('\n', 2)[0].Trim();
        return first.StartsWith("wrk", StringComparison.Ordinal) ? first : throw new UsageException($"'{wrk} -v' does not look like wrk: {output}");
    }

    /// <summary>Runs wrk to completion and returns its exit code and standard output; a missing binary is a configuration error.</summary>
    private static async Task<(int ExitCode, string Output)> ExecuteAsync(string wrk, string arguments, CancellationToken cancellationToken)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(wrk, arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            }) ?? throw new UsageException($"Could not start '{wrk}'.");
            var output = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return (process.ExitCode, output);
        }
        catch (Win32Exception ex)
        {
            throw new UsageException($"'{wrk}' was not found; install it (apt-get install wrk) or pass --wrk PATH.", ex);
        }
    }

    /// <summary>Reads the 50 % and 99 % lines of the latency distribution and <c>Requests/sec</c>.</summary>
    internal static WrkResult Parse(string output, int connections)
    {
        ArgumentNullException.ThrowIfNull(output);
        return new WrkResult(connections, Percentile(output, "50%"), Percentile(output, "99%"), RequestsPerSecond(output));
    }

    private static double Percentile(string output, string label)
    {
        foreach (Match match in DistributionLine().Matches(output))
        {
            if (match.Groups["p"].Value == label)
            {
                return ToMilliseconds(match.Groups["v"].Value, match.Groups["u"].Value);
            }
        }

        throw new FormatException($"wrk output has no {label} latency line:\n{output}");
    }

    private static double RequestsPerSecond(string output)
    {
        var match = RateLine().Match(output);
        return match.Success
            ? double.Parse(match.Groups["v"].Value, CultureInfo.InvariantCulture)
            : throw new FormatException($"wrk output has no Requests/sec line:\n{output}");
    }

    private static double ToMilliseconds(string value, string unit)
    {
        var number = double.Parse(value, CultureInfo.InvariantCulture);
        return unit switch
        {
            "us" => number / 1000,
            "ms" => number,
            "s" => number * 1000,
            "m" => number * 60_000,
            _ => throw new FormatException($"Unknown wrk time unit '{unit}'."),
        };
    }

    [GeneratedRegex(@"^\s*(?<p>\d+%)\s+(?<v>[\d.]+)(?<u>us|ms|s|m)\s*$", RegexOptions.Multiline)]
    private static partial Regex DistributionLine();

    [GeneratedRegex(@"Requests/sec:\s+(?<v>[\d.]+)")]
    private static partial Regex RateLine();
}
