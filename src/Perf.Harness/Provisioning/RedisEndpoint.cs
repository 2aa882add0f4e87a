using System.Globalization;

namespace Perf.Harness.Provisioning;

/// <summary>The first endpoint and credentials of a StackExchange.Redis configuration string such as <c>host:6379,password=x</c>.</summary>
/// <param name="Host">Host name or address.</param>
/// <param name="Port">TCP port.</param>
/// <param name="User">ACL user, if any.</param>
/// <param name="Password">Password, if any.</param>
internal sealed record RedisEndpoint(string Host, int Port, string? User, string? Password)
{
    /// <summary>Parses <c>host[:port][,user=..][,password=..]</c>; other options are ignored.</summary>
    /// <exception cref="FormatException">No endpoint or a bad port.</exception>
    public static RedisEndpoint Parse(string configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? host = null, user = null, password = null;
        var port = 6379;
        foreach (var part in configuration.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                var key = part[..equals].Trim();
                if (key.Equals("password", StringComparison.OrdinalIgnoreCase))
                {
                    password = part[(equals + 1)..];
                }
                else if (key.Equals("user", StringComparison.OrdinalIgnoreCase))
                {
                    user = part[(equals + 1)..];
                }

                continue;
            }

            if (host is not null)
            {
                continue;
            }

            var colon = part.LastIndexOf(':');
            if (colon > 0 && !part.EndsWith(']'))
            {
                host = part[..colon].Trim('[', ']');
                if (!int.TryParse(part.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is <= 0 or > 65535)
                {
                    throw new FormatException($"Bad port in Redis endpoint '{part}'.");
                }
            }
            else
            {
                host = part.Trim('[', ']');
            }
        }

        return host is null ? throw new FormatException($"No endpoint in Redis configuration '{configuration}'.") : new RedisEndpoint(host, port, user, password);
    }
}
