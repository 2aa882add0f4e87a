namespace Perf.Seed;

/// <summary>
/// Parts of a run that go on side by side: the first to fail cancels the others, and its failure is the run's, not
/// the failures of the parts cancelled or broken because of it.
/// </summary>
/// <param name="others">Cancels the other parts.</param>
internal sealed class FailFast(CancellationTokenSource others)
{
    private Exception? first;

    /// <summary>The failure of the part that failed first; null while none has.</summary>
    public Exception? First => Volatile.Read(ref first);

    /// <summary>Awaits <paramref name="part"/>; when it fails, keeps its failure if it is the first and cancels the others before rethrowing it.</summary>
    /// <remarks>
    /// Cancelling the others cancels their running commands. On a server that has just died, MySqlConnector's cancel
    /// throws itself (a <see cref="System.Net.Sockets.SocketException"/>: its socket is gone). Every callback has still
    /// run, and the failure to report is the part's, not the cancel's.
    /// </remarks>
    public async Task WatchAsync(Task part)
    {
        try
        {
            await part.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Interlocked.CompareExchange(ref first, ex, null);
            try
            {
                await others.CancelAsync().ConfigureAwait(false);
            }
            catch (AggregateException)
            {
                // See the remarks: the part's own failure follows.
            }

            throw;
        }
    }
}
