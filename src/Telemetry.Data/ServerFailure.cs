using System.Net.Sockets;
using MySqlConnector;

namespace Telemetry.Data;

/// <summary>What a failure says about the database server.</summary>
public static class ServerFailure
{
    /// <summary>Whether <paramref name="exception"/> (or one it wraps) says the connection to the server is gone: the server could not be reached, is shutting down, or dropped the connection mid-statement.</summary>
    /// <remarks>
    /// MySqlConnector reports a server that dies mid-statement as a <see cref="MySqlException"/> wrapping the socket's
    /// error from most calls, as the bare <see cref="SocketException"/> from some (<c>BeginTransactionAsync</c>), and as
    /// an <see cref="EndOfStreamException"/> from a <c>LOAD DATA LOCAL</c> it was sending.
    /// </remarks>
    public static bool ConnectionLost(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException or EndOfStreamException
                || (e is MySqlException mysql
                    && (mysql.ErrorCode is MySqlErrorCode.UnableToConnectToHost or MySqlErrorCode.ServerShutdown or MySqlErrorCode.NormalShutdown
                        || mysql.InnerException is IOException)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the server at <paramref name="connectionString"/> takes a new connection (within 5 s), asked after a failure whose shape does not say.</summary>
    /// <remarks>
    /// A connection MySqlConnector found broken mid-statement surfaces as a <see cref="MySqlException"/> wrapping an
    /// <see cref="InvalidOperationException"/> (the connection's state), with the socket's error gone; only asking the
    /// server tells that from a statement that failed.
    /// </remarks>
    public static async Task<bool> AnswersAsync(string connectionString, CancellationToken cancellationToken)
    {
        var builder = new MySqlConnectionStringBuilder(connectionString) { Pooling = false, ConnectionTimeout = 5 };
        try
        {
            await using var connection = new MySqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is MySqlException or SocketException or IOException)
        {
            return false;
        }
    }
}
