using System.Diagnostics;

namespace Perf.Harness.Provisioning;

/// <summary>An exclusive lock on a file, held across processes until disposed.</summary>
internal static class FileLock
{
    /// <summary>Waits until the lock file can be opened exclusively, or throws after <paramref name="timeout"/>.</summary>
    public static async Task<IDisposable> AcquireAsync(string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException ex)
            {
                if (stopwatch.Elapsed > timeout)
                {
                    throw new ProvisioningException($"Another process has held {path} for more than {timeout.TotalSeconds:F0} s; is a server start stuck there?", ex);
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
        }
    }
}
