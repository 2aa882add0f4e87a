namespace Perf.Load.Execution;

/// <summary>Runs socket continuations on .NET's socket event threads instead of handing each one to the thread pool, when only the load client does socket work in this process.</summary>
/// <remarks>
/// By default a response wakes the socket event thread, which queues the continuation and wakes a thread-pool worker:
/// two wakes per response where wrk's event loop has one. On an idle VM each wake costs tens of microseconds (runner
/// p50 on a trivial endpoint at 420/s, server in another process: 0.27–0.30 ms without, 0.20–0.24 ms with; wrk
/// 0.18–0.23 ms; runs alternated). The load client's
/// continuations are short (parse, record), so running them inline is safe. With the API hosted in-process the query
/// layer's continuations would run there too and delay other responses' timestamps, so then the default stays.
/// The runtime reads the variable once, when the first socket is used: <see cref="EnableFor"/> must run before that.
/// </remarks>
internal static class InlineSocketCompletions
{
    /// <summary>The .NET runtime's switch (Unix only).</summary>
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>True when this process runs socket continuations inline.</summary>
    public static bool Enabled => Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>Turns inline completions on when <paramref name="args"/> target a server in another process and the user did not set the variable.</summary>
    public static void EnableFor(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (Environment.GetEnvironmentVariable(Variable) is null && TargetsOtherProcess(args))
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
    }

    /// <summary>calibrate always (its server is a child process or <c>--url</c>); run, check and capacity with <c>--url</c>.</summary>
    internal static bool TargetsOtherProcess(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Count == 0)
        {
            return false;
        }

        return args[0] switch
        {
            "calibrate" => true,
            "run" or "check" or "capacity" => args.Any(a => a == "--url" || a.StartsWith("--url=", StringComparison.Ordinal)),
            _ => false,
        };
    }
}
