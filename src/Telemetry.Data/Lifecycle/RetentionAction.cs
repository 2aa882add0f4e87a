namespace Telemetry.Data.Lifecycle;

/// <summary>What retention does with a row past its period.</summary>
public enum RetentionAction
{
    /// <summary>Move it to the table's archive table.</summary>
    Archive,

    /// <summary>Delete it.</summary>
    Delete,
}
