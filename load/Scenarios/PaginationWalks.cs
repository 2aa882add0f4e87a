using System.Collections.Concurrent;
using System.Text.Json;

namespace Perf.Load.Scenarios;

/// <summary>Keyset pagination walks in progress: each trades page response hands its <c>next_cursor</c> to the next arrival.</summary>
/// <remarks>A walk advances only when an arrival comes, so walking never turns the open model into a closed loop.</remarks>
internal sealed class PaginationWalks
{
    private const int MaxPendingWalks = 10_000;
    private readonly ConcurrentQueue<Continuation> _pending = new();
    private readonly TrafficOptions _options;
    private long _pagesFollowed;

    public PaginationWalks(TrafficOptions options) => _options = options;

    /// <summary>Pages requested with a cursor so far.</summary>
    public long PagesFollowed => Interlocked.Read(ref _pagesFollowed);

    /// <summary>The next page of a walk in progress, or the first page of a new walk.</summary>
    public HttpGet Next(Random random)
    {
        if (_pending.TryDequeue(out var next))
        {
            Interlocked.Increment(ref _pagesFollowed);
            var path = $"/api/trades/{next.Window.ProfileId}?{next.Window.ToQuery()}&limit={_options.PageSize}&cursor={Uri.EscapeDataString(next.Cursor)}";
            return new HttpGet(Endpoints.Trades, path, ReaderOf(next.Window, next.Page));
        }

        var window = QueryWindow.Pick(_options, random);
        return new HttpGet(Endpoints.Trades, $"/api/trades/{window.ProfileId}?{window.ToQuery()}&limit={_options.PageSize}", ReaderOf(window, 1));
    }

    /// <summary>Reads <c>next_cursor</c> from a trades response body; null when absent or null.</summary>
    internal static string? ReadNextCursor(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return null;
        }

        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                {
                    var isCursor = reader.ValueTextEquals("next_cursor"u8);
                    reader.Read();
                    if (isCursor)
                    {
                        return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    }

                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // A page that is not the JSON we expect ends the walk; the status code already tells the story.
        }

        return null;
    }

    /// <summary>Reads page <paramref name="page"/> of a walk over <paramref name="window"/>: its cursor continues the walk.</summary>
    private ResponseBodyReader ReaderOf(QueryWindow window, int page) => (statusCode, body) =>
    {
        if (statusCode is >= 200 and < 300 && ReadNextCursor(body) is { Length: > 0 } cursor
            && page < _options.MaxPages && _pending.Count < MaxPendingWalks)
        {
            _pending.Enqueue(new Continuation(window, page + 1, cursor));
        }
    };

    private sealed record Continuation(QueryWindow Window, int Page, string Cursor);
}
