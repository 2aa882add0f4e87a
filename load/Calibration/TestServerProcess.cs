using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Text;
using Perf.Harness.Provisioning;
using Perf.Load.Execution;
using Telemetry.CommandLine;

namespace Perf.Load.Calibration;

/// <summary>This program's <c>testserver</c> command in a child process: the server calibration measures both clients against.</summary>
/// <remarks>
/// In its own process the server shares no thread pool or socket engine with the runner, so the runner is measured
/// as a client from outside, exactly as wrk is.
/// </remarks>
internal sealed partial class TestServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly IDisposable _exitCleanup;

    private TestServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;

        // Ctrl-C, SIGTERM or an exit that never reaches DisposeAsync: the server goes with us.
        _exitCleanup = ExitCleanup.Register(() => Stop(process));
    }

    /// <summary>Where the server listens.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The child's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Starts the server, on <paramref name="cpus"/> when given (else where this thread may run), and waits for the address it prints.</summary>
    public static async Task<TestServerProcess> StartAsync(IReadOnlyList<int>? cpus, CancellationToken cancellationToken)
    {
        var info = StartInfo();
        info.ArgumentList.Add("testserver");
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;

        // The server under test runs with .NET's defaults, whatever this process chose for its own client sockets.
        info.Environment.Remove(InlineSocketCompletions.Variable);
        var process = Start(info, cpus);
        var address = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new StringBuilder();
        var gate = new Lock();
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.Exited += (_, _) => address.TrySetException(new UsageException($"The test server exited with {process.ExitCode} before listening: {Output()}"));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var baseAddress = await address.Task.WaitAsync(StartTimeout, cancellationToken).ConfigureAwait(false);
            return new TestServerProcess(process, baseAddress);
        }
        catch (Exception ex)
        {
            Stop(process);
            process.Dispose();
            if (ex is TimeoutException)
            {
                throw new UsageException($"The test server printed no address within {StartTimeout.TotalSeconds:0} s: {Output()}", ex);
            }

            throw;
        }

        string Output()
        {
            lock (gate)
            {
                return output.ToString();
            }
        }

        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (gate)
            {
                output.AppendLine(line);
            }

            var match = ListeningLine().Match(line);
            if (match.Success)
            {
                address.TrySetResult(new Uri(match.Groups["url"].Value));
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _exitCleanup.Dispose();
        Stop(_process);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }

    /// <summary>The child inherits the CPUs of the thread that starts it, so this thread moves there for the start.</summary>
    private static Process Start(ProcessStartInfo info, IReadOnlyList<int>? cpus)
    {
        var own = cpus is null ? null : CpuAffinity.Allowed();
        try
        {
            if (cpus is not null)
            {
                CpuAffinity.SetCurrentThread(cpus);
            }

            return Process.Start(info) ?? throw new UsageException($"Could not start {info.FileName} testserver.");
        }
        finally
        {
            if (own is not null)
            {
                CpuAffinity.SetCurrentThread(own);
            }
        }
    }

    /// <summary>This program again: its apphost when there is one, else <c>dotnet Perf.Load.dll</c>.</summary>
    private static ProcessStartInfo StartInfo()
    {
        var assembly = typeof(TestServerProcess).Assembly.Location;
        var apphost = Path.Combine(Path.GetDirectoryName(assembly)!, Path.GetFileNameWithoutExtension(assembly) + (OperatingSystem.IsWindows() ? ".exe" : string.Empty));
        if (File.Exists(apphost))
        {
            return new ProcessStartInfo(apphost);
        }

        var dotnet = Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
        var info = new ProcessStartInfo(dotnet);
        info.ArgumentList.Add(assembly);
        return info;
    }

    [GeneratedRegex(@"listening on (?<url>http://\S+/)")]
    private static partial Regex ListeningLine();
}
