using System.Net.Sockets;
using Telemetry.Data;

namespace Perf.Tests.Data;

/// <summary>Which failures say the connection to the server is gone (the server-side cases are in the seeder's and the API's fault tests, against a killed server).</summary>
public sealed class ServerFailureTests
{
    public static TheoryData<Exception, bool> Failures => new()
    {
        { new SocketException((int)SocketError.ConnectionReset), true },
        { new InvalidOperationException("Failed to read the result set.", new EndOfStreamException("An incomplete response was received from the server")), true },
        { new AggregateException(new IOException("wrapped", new SocketException((int)SocketError.NotConnected))), true },
        { new IOException("No space left on device"), false },
        { new InvalidOperationException("Connection must be Open; current state is Closed"), false },
        { new OperationCanceledException(), false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void ConnectionLost_ByWhatTheFailureWraps(Exception failure, bool lost) => Assert.Equal(lost, ServerFailure.ConnectionLost(failure));
}
