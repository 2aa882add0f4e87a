namespace Perf.Bench.Statements;

/// <summary>How the query layer talks to the server: text or prepared statements, with or without resetting a pooled connection's session when it is reused.</summary>
/// <param name="Name">How reports name it.</param>
/// <param name="Mode">Text or server-side prepared statements.</param>
/// <param name="ConnectionReset">MySqlConnector's <c>Connection Reset</c>: a pooled connection's session is reset when reused, which also closes its prepared statements on the server.</param>
internal sealed record StatementProtocol(string Name, Telemetry.Data.Queries.StatementMode Mode, bool ConnectionReset)
{
    /// <summary>What the API does today: text, sessions reset (MySqlConnector's defaults). Every other protocol is compared with it.</summary>
    public static StatementProtocol Baseline { get; } = new("text", Telemetry.Data.Queries.StatementMode.Text, true);

    /// <summary>The candidates: prepared as the driver does it by default (re-prepared after each reset), prepared statements kept across reuse, and text without the reset (to tell the reset's cost from the prepare's).</summary>
    public static IReadOnlyList<StatementProtocol> Candidates { get; } =
    [
        new("prepared", Telemetry.Data.Queries.StatementMode.Prepared, true),
        new("prepared, no reset", Telemetry.Data.Queries.StatementMode.Prepared, false),
        new("text, no reset", Telemetry.Data.Queries.StatementMode.Text, false),
    ];

    /// <summary>The baseline, then the candidates.</summary>
    public static IReadOnlyList<StatementProtocol> All { get; } = [Baseline, .. Candidates];
}
