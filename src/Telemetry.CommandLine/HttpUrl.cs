namespace Telemetry.CommandLine;

/// <summary>The one rule for options that name a web address (<c>--url</c>, <c>--api</c>): absolute, http or https.</summary>
public static class HttpUrl
{
    /// <summary>Parses <paramref name="text"/>, given as <paramref name="what"/>.</summary>
    /// <remarks>A bare path such as <c>/tmp/x</c> is an absolute <c>file:</c> URI to <see cref="Uri"/>; it is refused here.</remarks>
    /// <exception cref="UsageException">It is not an absolute http:// or https:// URL.</exception>
    public static Uri Parse(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new UsageException($"{what} '{text}' is not an absolute http:// or https:// URL.");
    }
}
