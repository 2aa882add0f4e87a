using Microsoft.Extensions.Logging;

namespace Perf.Harness;

/// <summary>Source-generated log messages of the harness core.</summary>
internal static partial class HarnessLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Using MySQL server from {Source}: {Server}")]
    public static partial void UsingServer(ILogger logger, string source, Telemetry.Data.ServerInfo server);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug, Message = "Docker probe: {Detail}")]
    public static partial void DockerProbe(ILogger logger, string detail);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Initializing a new data directory {DataDirectory} with {Tool}")]
    public static partial void InitializingDataDirectory(ILogger logger, string dataDirectory, string tool);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Starting {Binary} on 127.0.0.1:{Port} with data directory {DataDirectory}")]
    public static partial void StartingServer(ILogger logger, string binary, int port, string dataDirectory);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Local server (pid {Pid}) accepts connections after {ElapsedMs} ms")]
    public static partial void ServerReady(ILogger logger, int pid, long elapsedMs);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Reusing the local server (pid {Pid}, port {Port}) started by the running process {OwnerPid}")]
    public static partial void ReusingServer(ILogger logger, int pid, int port, int ownerPid);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Stopping a leftover local server (pid {Pid}) whose owner is gone")]
    public static partial void StoppingOrphan(ILogger logger, int pid);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Stopped local server (pid {Pid})")]
    public static partial void ServerStopped(ILogger logger, int pid);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "Using Redis from {Source}: {Configuration} (version {Version})")]
    public static partial void UsingRedis(ILogger logger, string source, string configuration, string version);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "No Redis available ({Reason}); callers fall back to an in-process cache")]
    public static partial void NoRedis(ILogger logger, string reason);

    [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "Docker {Detail}; trying the next way")]
    public static partial void ContainerFailed(ILogger logger, string detail);
}
