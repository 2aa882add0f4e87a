using System.Diagnostics;
using System.Net;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Perf.Load.Calibration;

/// <summary>A trivial HTTP server on 127.0.0.1 for calibration and tests, optionally freezing periodically.</summary>
/// <remarks>
/// With a stall configured, the server freezes for <c>stallDuration</c> once every <c>stallPeriod</c>: every request
/// that arrives during the freeze is held until it ends, like a stop-the-world pause. Routes: <c>/</c> and
/// <c>/healthz</c> answer "ok"; <c>/close</c> too, then closes the connection; <c>/spin/{µs}</c> answers after busy work; <c>/delay/{ms}</c> after an idle wait; <c>/api/trades/{id}</c> answers a three-page keyset walk with <c>next_cursor</c>.
/// </remarks>
internal sealed class LocalTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalTestServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Cancelled when the host stops on its own: on SIGTERM, which its console lifetime takes.</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<LocalTestServer> StartAsync(TimeSpan stallPeriod, TimeSpan stallDuration, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, 0);
            options.AddServerHeader = false;
        });
        var app = builder.Build();
        var origin = Stopwatch.GetTimestamp();
        if (stallPeriod > TimeSpan.Zero && stallDuration > TimeSpan.Zero)
        {
            app.Use(async (context, next) =>
            {
                var sinceStart = Stopwatch.GetElapsedTime(origin);
                var phase = TimeSpan.FromTicks(sinceStart.Ticks % stallPeriod.Ticks);
                if (phase < stallDuration)
                {
                    await Task.Delay(stallDuration - phase, context.RequestAborted).ConfigureAwait(false);
                }

                await next(context).ConfigureAwait(false);
            });
        }

        app.MapGet("/", () => Results.Text("ok"));
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapGet("/close", (HttpContext context) =>
        {
            // Kestrel closes the connection after this response: the client must open a new one for the next request.
            context.Response.Headers.Connection = "close";
            return Results.Text("ok");
        });
        app.MapGet("/spin/{microseconds:int}", (int microseconds) =>
        {
            // Deterministic CPU work (timers would quantise a delay to the millisecond).
            var until = Stopwatch.GetTimestamp() + (microseconds * Stopwatch.Frequency / 1_000_000);
            while (Stopwatch.GetTimestamp() < until)
            {
                Thread.SpinWait(10);
            }

            return Results.Text("ok");
        });
        app.MapGet("/delay/{milliseconds:int}", async (int milliseconds, CancellationToken cancellationToken) =>
        {
            await Task.Delay(milliseconds, cancellationToken).ConfigureAwait(false);
            return Results.Text("ok");
        });
        app.MapGet("/api/trades/{id:long}", (long id, string? cursor) => Results.Json(new TradePage(id, cursor switch
        {
            null => "page2",
            "page2" => "page3",
            _ => null,
        })));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LocalTestServer(app, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private sealed record TradePage([property: JsonPropertyName("profile_id")] long ProfileId, [property: JsonPropertyName("next_cursor")] string? NextCursor);
}
