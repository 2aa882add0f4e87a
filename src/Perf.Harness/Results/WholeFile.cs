using System.Security.Cryptography;
using System.Text.Json;

namespace Perf.Harness.Results;

/// <summary>Replaces a file whole or not at all: written to a temporary file in the same folder, then moved over it.</summary>
/// <remarks>
/// A rename within one folder replaces the file in one step, so a write that fails or is cancelled midway leaves the
/// file as it was (a valid manifest, the committed baseline), never a truncated one, and removes its temporary file.
/// </remarks>
public static class WholeFile
{
    /// <summary>Writes <paramref name="path"/> with <paramref name="write"/>, which gets the temporary file's stream.</summary>
    public static async Task WriteAsync(string path, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}.tmp");
        try
        {
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            await using (stream.ConfigureAwait(false))
            {
                await write(stream, cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            DeleteQuietly(temporary);
            throw;
        }
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The write's own failure is the one to report (a missing folder fails both).
        }
    }

    /// <summary>Writes <paramref name="value"/> as JSON (<see cref="ResultWriter.JsonOptions"/>) to <paramref name="path"/>.</summary>
    public static Task WriteJsonAsync<T>(string path, T value, CancellationToken cancellationToken = default) =>
        WriteAsync(path, (stream, ct) => JsonSerializer.SerializeAsync(stream, value, ResultWriter.JsonOptions, ct), cancellationToken);

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>.</summary>
    public static Task WriteBytesAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default) =>
        WriteAsync(path, async (stream, ct) => await stream.WriteAsync(content, ct).ConfigureAwait(false), cancellationToken);
}
