using System.Buffers;
using System.Net;
using System.Text;

namespace Perf.Load.Execution;

/// <summary>The request side of the raw HTTP/1.1 clients: where the server is and how a GET to it is written.</summary>
/// <remarks>Every raw client (the event loops and <see cref="RawHttpTransport"/>) writes its requests here and frames the responses with <see cref="HttpResponseFraming"/>.</remarks>
internal sealed class HttpTarget
{
    private readonly Uri _baseAddress;
    private readonly string _hostHeader;

    /// <param name="baseAddress">Plain http base URL; a host name is resolved once, here.</param>
    public HttpTarget(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        if (baseAddress.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException("The raw clients speak plain http only.", nameof(baseAddress));
        }

        _baseAddress = baseAddress;
        _hostHeader = baseAddress.IsDefaultPort ? baseAddress.Host : $"{baseAddress.Host}:{baseAddress.Port}";
        var address = IPAddress.TryParse(baseAddress.IdnHost, out var literal) ? literal : Dns.GetHostAddresses(baseAddress.IdnHost)[0];
        EndPoint = new IPEndPoint(address, baseAddress.Port);
    }

    /// <summary>The server's address.</summary>
    public EndPoint EndPoint { get; }

    /// <summary>The GET request for <paramref name="pathAndQuery"/> in a pooled buffer (return it to <see cref="ArrayPool{T}.Shared"/>).</summary>
    public byte[] EncodeGet(string pathAndQuery, out int length)
    {
        ArgumentNullException.ThrowIfNull(pathAndQuery);
        var target = pathAndQuery.StartsWith('/') && _baseAddress.AbsolutePath == "/"
            ? pathAndQuery
            : new Uri(_baseAddress, pathAndQuery).PathAndQuery;
        var text = $"GET {target} HTTP/1.1\r\nHost: {_hostHeader}\r\nUser-Agent: Perf.Load\r\nAccept: */*\r\n\r\n";
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.ASCII.GetMaxByteCount(text.Length));
        length = Encoding.ASCII.GetBytes(text, buffer);
        return buffer;
    }
}
