using System.Runtime.InteropServices;

namespace Perf.Harness.Provisioning;

/// <summary>Runs registered stop actions when the process exits, on Ctrl+C (SIGINT) and on SIGTERM, so no server outlives its owner.</summary>
/// <remarks>
/// Servers are started in their own session (<c>setsid</c>), so a terminal's Ctrl+C reaches only us. .NET runs signal
/// handlers newest first and stops at the first that cancels, so ours is registered as early as possible (the first
/// call into the harness): a tool's own Ctrl+C handler (<see cref="Console.CancelKeyPress"/>, a generic host) registered
/// later runs before ours, and if it cancels to wind down gracefully, the servers keep running until
/// <see cref="AppDomain.ProcessExit"/>. A handler registered before the harness was touched runs after ours, too late.
/// </remarks>
public static class ExitCleanup
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<long, Action> Actions = [];
    private static readonly List<PosixSignalRegistration> Registrations = [];
    private static long nextId;
    private static bool hooked;

    /// <summary>Installs the exit and signal handlers now, so they run after handlers the tool installs later.</summary>
    public static void EnsureHooked()
    {
        lock (Gate)
        {
            Hook();
        }
    }

    /// <summary>Registers an idempotent, synchronous stop action; dispose the result once the action has run or is no longer needed.</summary>
    public static IDisposable Register(Action stop)
    {
        lock (Gate)
        {
            Hook();
            var id = ++nextId;
            Actions[id] = stop;
            return new Registration(id);
        }
    }

    private static void Hook()
    {
        if (hooked)
        {
            return;
        }

        hooked = true;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RunAll();
        if (!OperatingSystem.IsWindows())
        {
            Registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal));
            Registrations.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal));
        }
        else
        {
            Console.CancelKeyPress += (_, e) =>
            {
                if (!e.Cancel)
                {
                    RunAll();
                }
            };
        }
    }

    private static void OnSignal(PosixSignalContext context)
    {
        if (!context.Cancel)
        {
            RunAll();
        }
    }

    private static void RunAll()
    {
        Action[] actions;
        lock (Gate)
        {
            actions = [.. Actions.Values];
            Actions.Clear();
        }

        foreach (var action in actions)
        {
            try
            {
                action();
            }
#pragma warning disable CA1031 // The process is going away; one failed stop must not keep the others from running.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    private sealed class Registration(long id) : IDisposable
    {
        public void Dispose()
        {
            lock (Gate)
            {
                Actions.Remove(id);
            }
        }
    }
}
