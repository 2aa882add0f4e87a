using System.Diagnostics;

namespace Perf.Bench.Capacity;

/// <summary>Runs the load program (<c>dotnet run -c Release --project load -- …</c>) as a child process against our server, forwarding its output.</summary>
/// <remarks>A separate process keeps the load generator's threads and GC away from the measuring process, and the load program's API stays its own.</remarks>
internal static class LoadProcess
{
    public static async Task<int> RunAsync(string repositoryRoot, IReadOnlyList<string> arguments, string mysqlConnectionString, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repositoryRoot,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["run", "-c", "Release", "--project", Path.Combine(repositoryRoot, "load"), "--", .. arguments, "--mysql", mysqlConnectionString])
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        Console.Error.WriteLine($"bench: load {string.Join(' ', arguments)}");
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = ForwardAsync(process.StandardOutput);
        var stderr = ForwardAsync(process.StandardError);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
        return process.ExitCode;
    }

    private static async Task ForwardAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            await Console.Error.WriteLineAsync("  load | " + line).ConfigureAwait(false);
        }
    }
}
