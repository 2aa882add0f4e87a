using System.Globalization;
using Bogus;

namespace Perf.Seed.Generation;

/// <summary>One profile's <c>message</c> templates for degraded and error health samples; <c>{0}</c> takes a ticker from its watchlist.</summary>
/// <param name="Degraded">Templates of degraded samples.</param>
/// <param name="Error">Templates of error samples.</param>
/// <remarks>The account, broker and gateway are filled in once per profile, so a row only formats its ticker.</remarks>
internal sealed record HealthMessages(string[] Degraded, string[] Error)
{
    private static readonly string[] DegradedTemplates =
    [
        "loop latency above threshold", "market data gap on {0}", "order acknowledgement slow for {0} from {broker}",
        "memory pressure, cache trimmed", "{broker} API rate limited for account {account}", "heartbeat late from gateway {gateway} ({region})",
    ];

    private static readonly string[] ErrorTemplates =
    [
        "order rejected for {0}: insufficient buying power in account {account} ({owner})", "market data feed disconnected from {gateway}",
        "{broker} session expired, reconnecting to {gateway}", "unhandled exception in strategy loop",
        "position mismatch on {0} in account {account}", "database write timed out",
    ];

    private static readonly string[] AccountKinds = ["Capital", "Partners", "Trading", "Family Office", "Investments"];

    /// <summary>Draws a named account at <paramref name="broker"/> with a gateway in <paramref name="region"/>, and fills the templates with them.</summary>
    public static HealthMessages Draw(Faker faker, string broker, TradingRegion region)
    {
        var account = faker.Random.Replace("U#######");
        var owner = $"{faker.Name.LastName()} {faker.PickRandom(AccountKinds)}";
        var gateway = string.Create(CultureInfo.InvariantCulture, $"{faker.Internet.Ip()}:{faker.Random.Number(4001, 4004)}");
        string Fill(string template) => template.Replace("{account}", account, StringComparison.Ordinal)
            .Replace("{owner}", owner, StringComparison.Ordinal)
            .Replace("{broker}", broker, StringComparison.Ordinal)
            .Replace("{gateway}", gateway, StringComparison.Ordinal)
            .Replace("{region}", region.Name, StringComparison.Ordinal);
        return new HealthMessages([.. DegradedTemplates.Select(Fill)], [.. ErrorTemplates.Select(Fill)]);
    }
}
