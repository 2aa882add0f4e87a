using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Perf.Load.Reports;

/// <summary>Captures provenance for a run: commit, machine, runtime.</summary>
internal static class ProvenanceProbe
{
    /// <summary>What can be learned locally; <paramref name="server"/> and <paramref name="dataset"/> come from the in-process target.</summary>
    public static async Task<RunProvenance> CaptureAsync(string? server, string? dataset, CancellationToken cancellationToken) =>
        new(
            await GitCommitAsync(cancellationToken).ConfigureAwait(false),
            Environment.MachineName,
            RuntimeInformation.OSDescription,
            Environment.ProcessorCount,
            RuntimeInformation.FrameworkDescription,
            server,
            dataset);

    private static async Task<string?> GitCommitAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", "rev-parse --short=12 HEAD")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (git is null)
            {
                return null;
            }

            var output = await git.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await git.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return git.ExitCode == 0 ? output.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No git on PATH: the commit stays unknown.
            return null;
        }
    }
}
