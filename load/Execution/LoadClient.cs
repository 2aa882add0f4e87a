namespace Perf.Load.Execution;

/// <summary>Which HTTP client sends the load.</summary>
internal enum LoadClient
{
    /// <summary>The minimal pooled HTTP/1.1 client (plain http); cheapest per request, so the generator leaves the CPU to the server.</summary>
    Raw,

    /// <summary><see cref="HttpClient"/> over a tuned <see cref="SocketsHttpHandler"/>; any scheme, HTTPS included.</summary>
    HttpClient,
}
