namespace Telemetry.Data.Queries;

/// <summary>How the query layer sends its statements to the server.</summary>
public enum StatementMode
{
    /// <summary>The text protocol: the driver inlines the parameters and the server parses every statement.</summary>
    Text,

    /// <summary>Server-side prepared statements (binary protocol): MySqlConnector prepares a statement once per connection and then sends only its parameters.</summary>
    Prepared,
}
