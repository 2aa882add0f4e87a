using Telemetry.Data.Schema;

namespace Telemetry.Data.Lifecycle;

/// <summary>The retention of one live table: rows older than <paramref name="Period"/> are archived or deleted.</summary>
/// <param name="Table">A live table from the allow-list.</param>
/// <param name="Period">How long rows stay.</param>
public sealed record RetentionRule(TelemetryTable Table, RetentionPeriod Period)
{
    /// <summary>Archive when the table has an archive table, otherwise delete.</summary>
    public RetentionAction Action => Table.Archive is null ? RetentionAction.Delete : RetentionAction.Archive;
}
