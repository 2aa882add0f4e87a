using Telemetry.Api;

// Standalone: `dotnet run --project src/Telemetry.Api` with ConnectionStrings__Telemetry set (and optionally
// ConnectionStrings__Redis and Telemetry__Url). The harness hosts the same app in-process via TelemetryApiHost.
var configuration = new ConfigurationBuilder()
    .AddEnvironmentVariables()
    .AddCommandLine(args)
    .Build();

var connectionString = configuration.GetConnectionString("Telemetry");
if (string.IsNullOrWhiteSpace(connectionString))
{
    await Console.Error.WriteLineAsync(
        "No database configured. Set ConnectionStrings__Telemetry (or pass --ConnectionStrings:Telemetry=\"Server=...;Database=telemetry_composite;...\").");
    return 2;
}

var options = new TelemetryApiOptions
{
    ConnectionString = connectionString,
    RedisConfiguration = configuration.GetConnectionString("Redis"),
    Url = configuration["Telemetry:Url"] ?? "http://127.0.0.1:5000",
};
await using var app = TelemetryApiHost.Build(options, args);
await app.RunAsync();
return 0;
