namespace Telemetry.Data.Queries;

/// <summary>A validated request for one script's health samples of a profile, newest first.</summary>
public sealed record HealthQuery(int ProfileId, string ScriptName, DateRange Range, int Limit, int Offset);
