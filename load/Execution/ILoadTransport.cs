namespace Perf.Load.Execution;

/// <summary>Sends one GET and reads the whole response; throws on timeouts (<see cref="OperationCanceledException"/>) and connection failures.</summary>
internal interface ILoadTransport : IDisposable
{
    /// <summary>GETs <paramref name="pathAndQuery"/> relative to the base address.</summary>
    Task<TransportResponse> GetAsync(string pathAndQuery, bool keepBody, CancellationToken cancellationToken);
}
