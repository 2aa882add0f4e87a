namespace Telemetry.Data.Writes;

/// <summary>One destination column of a bulk write and how to read its value from a record.</summary>
public sealed record RecordColumn<T>(string Name, Type Type, Func<T, object?> Read);
