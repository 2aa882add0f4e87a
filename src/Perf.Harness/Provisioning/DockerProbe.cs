using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Perf.Harness.Provisioning;

/// <summary>Asks the Docker daemon's <c>/_ping</c> endpoint, quickly, whether Testcontainers could run.</summary>
/// <remarks>Checks for socket files before connecting, so on a machine without Docker it returns in microseconds.</remarks>
internal static class DockerProbe
{
    /// <summary>Probes <c>DOCKER_HOST</c> when set, else the usual socket paths.</summary>
    public static async Task<DockerProbeResult> ProbeAsync(Func<string, string?> getEnvironmentVariable, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var endpoints = Endpoints(getEnvironmentVariable);
        if (endpoints.Count == 0)
        {
            return new DockerProbeResult(false, "no Docker socket found and DOCKER_HOST is not set");
        }

        var reasons = new List<string>();
        foreach (var endpoint in endpoints)
        {
            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeoutSource.CancelAfter(timeout);
            try
            {
                if (await PingAsync(endpoint, timeoutSource.Token).ConfigureAwait(false))
                {
                    return new DockerProbeResult(true, endpoint);
                }

                reasons.Add($"{endpoint}: /_ping did not answer 200");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                reasons.Add($"{endpoint}: no answer within {timeout.TotalMilliseconds:F0} ms");
            }
            catch (Exception ex) when (ex is SocketException or IOException or UriFormatException)
            {
                reasons.Add($"{endpoint}: {ex.Message}");
            }
        }

        return new DockerProbeResult(false, string.Join("; ", reasons));
    }

    private static List<string> Endpoints(Func<string, string?> getEnvironmentVariable)
    {
        var dockerHost = getEnvironmentVariable("DOCKER_HOST");
        if (!string.IsNullOrWhiteSpace(dockerHost))
        {
            return [dockerHost];
        }

        var home = getEnvironmentVariable("HOME");
        var runtime = getEnvironmentVariable("XDG_RUNTIME_DIR");
        var candidates = new List<string?>
        {
            "/var/run/docker.sock",
            home is null ? null : Path.Combine(home, ".docker", "run", "docker.sock"),
            home is null ? null : Path.Combine(home, ".docker", "desktop", "docker.sock"),
            runtime is null ? null : Path.Combine(runtime, "docker.sock"),
        };
        return candidates.OfType<string>().Where(File.Exists).Select(p => "unix://" + p).ToList();
    }

    private static async Task<bool> PingAsync(string endpoint, CancellationToken cancellationToken)
    {
        var uri = new Uri(endpoint);
        Socket socket;
        EndPoint target;
        if (uri.Scheme == "unix")
        {
            if (!File.Exists(uri.AbsolutePath))
            {
                throw new IOException("socket file does not exist");
            }

            socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            target = new UnixDomainSocketEndPoint(uri.AbsolutePath);
        }
        else if (uri.Scheme is "tcp" or "http" or "https")
        {
            socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            target = new DnsEndPoint(uri.Host, uri.Port > 0 ? uri.Port : 2375);
        }
        else
        {
            throw new UriFormatException($"unsupported scheme {uri.Scheme}");
        }

        using (socket)
        {
            await socket.ConnectAsync(target, cancellationToken).ConfigureAwait(false);
            if (uri.Scheme == "https" || (uri.Scheme == "tcp" && uri.Port == 2376))
            {
                // A TLS daemon accepted the connection; Testcontainers will do the handshake.
                return true;
            }

            var request = Encoding.ASCII.GetBytes("GET /_ping HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n");
            await socket.SendAsync(request, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            var buffer = new byte[256];
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            var status = Encoding.ASCII.GetString(buffer, 0, read);
            return status.StartsWith("HTTP/1.", StringComparison.Ordinal) && status.Contains(" 200 ", StringComparison.Ordinal);
        }
    }
}
