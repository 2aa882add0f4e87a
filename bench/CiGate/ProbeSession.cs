using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;

namespace Perf.Bench.CiGate;

/// <summary>A <c>bench probe --serve</c> child the gate paces one command at a time (see <see cref="ProbeCommand"/>).</summary>
/// <remarks>Any way the child stops answering (exit, crash, a command that outlives its timeout) is a <see cref="GateStepException"/> naming the probe and its last output lines.</remarks>
internal sealed class ProbeSession : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);
    private readonly Process process;
    private readonly string what;
    private readonly Channel<string> replies = Channel.CreateUnbounded<string>();
    private readonly Queue<string> log = new();
    private readonly Lock gate = new();

    private ProbeSession(Process process, string what)
    {
        this.process = process;
        this.what = what;
    }

    /// <summary>The cases this probe can time, in its catalogue's order.</summary>
    public IReadOnlyList<string> Cases { get; private set; } = [];

    /// <summary>Starts <c>dotnet ASSEMBLY probe … --serve</c> and waits until it is set up.</summary>
    public static async Task<ProbeSession> StartAsync(string workingDirectory, IReadOnlyList<string> arguments, string what, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new GateStepException($"{what} did not start");
        var session = new ProbeSession(process, what);
        process.OutputDataReceived += (_, e) => session.Receive(e.Data, isOutput: true);
        process.ErrorDataReceived += (_, e) => session.Receive(e.Data, isOutput: false);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var ready = await session.NextReplyAsync(cancellationToken).ConfigureAwait(false);
            session.Cases = ready.StartsWith(ProbeCommand.ReadyPrefix, StringComparison.Ordinal)
                ? JsonSerializer.Deserialize<List<string>>(ready[ProbeCommand.ReadyPrefix.Length..]) ?? []
                : throw session.Failure($"answered '{ready}' instead of being ready");
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Runs the probe's untimed executions of <paramref name="name"/>.</summary>
    public Task WarmAsync(string name, CancellationToken cancellationToken) => CommandAsync("warm " + name, cancellationToken);

    /// <summary>Runs one timed execution of <paramref name="name"/>.</summary>
    public Task TimeAsync(string name, CancellationToken cancellationToken) => CommandAsync("time " + name, cancellationToken);

    /// <summary>Tells the probe to write its result file and waits for it to exit cleanly.</summary>
    public async Task EndAsync(CancellationToken cancellationToken)
    {
        await process.StandardInput.WriteLineAsync("end".AsMemory(), cancellationToken).ConfigureAwait(false);
        await process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failure($"did not exit within {CommandTimeout.TotalMinutes:0} minutes of 'end'");
        }

        if (process.ExitCode != 0)
        {
            throw Failure($"exited {process.ExitCode}");
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
        }

        process.Dispose();
    }

    private async Task CommandAsync(string command, CancellationToken cancellationToken)
    {
        try
        {
            await process.StandardInput.WriteLineAsync(command.AsMemory(), cancellationToken).ConfigureAwait(false);
            await process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The pipe broke: the probe is gone, and NextReplyAsync says how it ended.
        }

        var reply = await NextReplyAsync(cancellationToken).ConfigureAwait(false);
        if (reply != ProbeCommand.OkLine)
        {
            throw Failure($"answered '{reply}' to '{command}'");
        }
    }

    private async Task<string> NextReplyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CommandTimeout);
        try
        {
            return await replies.Reader.ReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            throw Failure($"exited {process.ExitCode}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failure($"did not answer within {CommandTimeout.TotalMinutes:0} minutes");
        }
    }

    private void Receive(string? line, bool isOutput)
    {
        if (line is null)
        {
            if (isOutput)
            {
                replies.Writer.TryComplete();
            }

            return;
        }

        if (isOutput && line.StartsWith("probe:", StringComparison.Ordinal) && !line.StartsWith("probe: ", StringComparison.Ordinal))
        {
            replies.Writer.TryWrite(line);
            return;
        }

        lock (gate)
        {
            log.Enqueue(line);
            if (log.Count > 4)
            {
                log.Dequeue();
            }
        }
    }

    private GateStepException Failure(string how)
    {
        lock (gate)
        {
            return new GateStepException($"{what} {how}: {string.Join(" | ", log)}");
        }
    }
}
