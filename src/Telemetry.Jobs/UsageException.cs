namespace Telemetry.Jobs;

/// <summary>The command line is wrong; the message says how, and nothing has been touched yet.</summary>
internal sealed class UsageException(string message) : Exception(message);
