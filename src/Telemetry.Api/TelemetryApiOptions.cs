namespace Telemetry.Api;

/// <summary>What the API needs to run: its database, an optional Redis, and where to listen.</summary>
public sealed record TelemetryApiOptions
{
    /// <summary>Connection string of the (read-only) database account the API queries with.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>StackExchange.Redis configuration (e.g. <c>127.0.0.1:6379</c>) for the second cache level, or null for in-process only.</summary>
    public string? RedisConfiguration { get; init; }

    /// <summary>What tells this database's data apart from earlier contents under the same name (e.g. the seeded dataset's checksum), or null.</summary>
    /// <remarks>
    /// Redis keys begin with the connection string's database name and this, so APIs on different databases sharing one Redis
    /// never serve each other's answers; with it, neither does a database loaded anew with other data.
    /// </remarks>
    public string? CacheDataIdentity { get; init; }

    /// <summary>How long a request waits on one Redis operation (connect, read, write) before it goes on without the second level.</summary>
    public TimeSpan RedisTimeout { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long Redis is left alone after it failed or timed out; then one operation tries it again.</summary>
    public TimeSpan RedisRetryInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How many requests to database-backed endpoints run at once; null means the connection pool's <c>Maximum Pool Size</c> (MySqlConnector's default: 100).</summary>
    /// <remarks>With at most one request per pooled connection, no request waits for the pool.</remarks>
    public int? DatabaseConcurrencyLimit { get; init; }

    /// <summary>How many more requests may wait for one of those slots; null means as many as the concurrency limit. Beyond it: 503.</summary>
    public int? DatabaseQueueLimit { get; init; }

    /// <summary>How long a request may wait for a slot before it is answered 503.</summary>
    public TimeSpan DatabaseQueueTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Whether responses are cached at all; off measures the database path alone.</summary>
    public bool EnableCaching { get; init; } = true;

    /// <summary>The listen URL; port 0 picks a free port.</summary>
    public string Url { get; init; } = "http://127.0.0.1:0";

    /// <summary>The clock; tests pin it.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
