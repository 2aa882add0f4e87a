using System.Diagnostics;

namespace Perf.Tests.Reports;

/// <summary>Runs Debian's chromium headless (<c>PERF_CHROMIUM</c> overrides the path) and returns the DOM after load.</summary>
internal static class HeadlessChromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    public static string? Find() =>
        Environment.GetEnvironmentVariable("PERF_CHROMIUM") is { Length: > 0 } configured ? configured : Candidates.FirstOrDefault(File.Exists);

    /// <summary>Loads <paramref name="htmlPath"/> and returns <c>--dump-dom</c>'s output (scripts have run, images have loaded).</summary>
    public static async Task<string> DumpDomAsync(string chromium, string htmlPath, CancellationToken cancellationToken)
    {
        var profile = Directory.CreateTempSubdirectory("perf-chromium-");
        try
        {
            var info = new ProcessStartInfo(chromium)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            // --no-sandbox: CI containers run as root, where chromium refuses its sandbox.
            foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", $"--user-data-dir={profile.FullName}", "--virtual-time-budget=5000", "--dump-dom", new Uri(htmlPath).AbsoluteUri })
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info) ?? throw new InvalidOperationException("chromium did not start");
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(120));
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            var dom = await output;
            return process.ExitCode == 0 || dom.Length > 0 ? dom : throw new InvalidOperationException($"chromium exited {process.ExitCode}: {await error}");
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
