using System.Net.Sockets;
using System.Text;

namespace Perf.Harness.Provisioning;

/// <summary>Just enough of the Redis protocol to ping a server, read its version and shut it down, so the harness core needs no Redis client.</summary>
internal static class RespClient
{
    /// <summary>Sends commands on one connection (after AUTH when a password is given) and returns the reply of the last one as text.</summary>
    public static async Task<string> SendAsync(RedisEndpoint endpoint, IReadOnlyList<string[]> commands, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var token = timeoutSource.Token;
        using var client = new TcpClient();
        await client.ConnectAsync(endpoint.Host, endpoint.Port, token).ConfigureAwait(false);
        var stream = client.GetStream();
        var all = new List<string[]>();
        if (endpoint.Password is not null)
        {
            all.Add(endpoint.User is null ? ["AUTH", endpoint.Password] : ["AUTH", endpoint.User, endpoint.Password]);
        }

        all.AddRange(commands);
        var reply = string.Empty;
        using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
        foreach (var command in all)
        {
            var request = new StringBuilder().Append('*').Append(command.Length).Append("\r\n");
            foreach (var part in command)
            {
                request.Append('$').Append(Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
            }

            await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), token).ConfigureAwait(false);
            reply = await ReadReplyAsync(reader, token).ConfigureAwait(false);
        }

        return reply;
    }

    private static async Task<string> ReadReplyAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) ?? throw new IOException("Redis closed the connection.");
        switch (line[0])
        {
            case '+':
            case ':':
                return line[1..];
            case '-':
                throw new IOException("Redis error: " + line[1..]);
            case '$':
                var length = int.Parse(line.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);
                if (length < 0)
                {
                    return string.Empty;
                }

                var body = new StringBuilder();
                while (Encoding.UTF8.GetByteCount(body.ToString()) < length)
                {
                    var next = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) ?? throw new IOException("Redis closed the connection.");
                    body.Append(next).Append("\r\n");
                }

                return body.ToString();
            default:
                throw new IOException("Unexpected Redis reply: " + line);
        }
    }
}
