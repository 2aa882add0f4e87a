using System.Diagnostics;
using System.Text;

namespace Perf.Harness.Provisioning;

/// <summary>Starts and inspects the server processes the harness owns.</summary>
public static class ChildProcess
{
    /// <summary>Starts <paramref name="fileName"/> in its own session (via <c>setsid</c> when present), so a terminal's Ctrl+C reaches only the harness, which then stops it in order.</summary>
    public static Process StartDetached(string fileName, IEnumerable<string> arguments, string workingDirectory, Action<string>? onOutput = null)
    {
        var setsid = OperatingSystem.IsWindows() ? null : ExecutableLocator.Find(["setsid"]);
        var info = new ProcessStartInfo(setsid ?? fileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory,
        };
        if (setsid is not null)
        {
            info.ArgumentList.Add(fileName);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new ProvisioningException($"Could not start {fileName}.");
        process.OutputDataReceived += (_, e) => Forward(e.Data);
        process.ErrorDataReceived += (_, e) => Forward(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;

        void Forward(string? line)
        {
            if (line is not null)
            {
                onOutput?.Invoke(line);
            }
        }
    }

    /// <summary>Runs a short-lived tool to completion and returns its exit code and combined output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory ?? string.Empty,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new ProvisioningException($"Could not start {fileName}.");
        var output = new StringBuilder();
        var gate = new Lock();
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new ProvisioningException($"{Path.GetFileName(fileName)} did not finish within {timeout.TotalSeconds:F0} s. Output:\n{output}");
        }

        lock (gate)
        {
            return (process.ExitCode, output.ToString());
        }

        void Append(string? line)
        {
            if (line is not null)
            {
                lock (gate)
                {
                    output.AppendLine(line);
                }
            }
        }
    }

    /// <summary>Returns true when <paramref name="pid"/> is a running process (and, when <paramref name="commandLineMustContain"/> is given and /proc is readable, its command line contains it).</summary>
    public static bool IsAlive(int pid, string? commandLineMustContain = null)
    {
        if (pid <= 0)
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            if (process.HasExited)
            {
                return false;
            }
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        if (commandLineMustContain is null)
        {
            return true;
        }

        var cmdline = $"/proc/{pid}/cmdline";
        try
        {
            return !File.Exists(cmdline) || File.ReadAllText(cmdline).Contains(commandLineMustContain, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>Returns the last <paramref name="lines"/> lines of a log file, or a note when it is missing.</summary>
    public static string Tail(string path, int lines = 30)
    {
        if (!File.Exists(path))
        {
            return $"({path} does not exist)";
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Max(0, stream.Length - 16_384), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        var all = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('\n', all.TakeLast(lines));
    }
}
