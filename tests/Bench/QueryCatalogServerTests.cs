using Perf.Bench.Queries;
using Perf.Tests.Infrastructure;
using Telemetry.Data.Queries;

namespace Perf.Tests.Bench;

/// <summary>The catalog's questions on a real server and small data, with the context discovered from the rows as the bench does.</summary>
public sealed class QueryCatalogServerTests(DatabaseServerFixture fixture)
{
    [Fact]
    public async Task DeepPage_OffsetAndKeyset_ReturnTheSamePage()
    {
        var server = fixture.RequireServer();
        var ct = TestContext.Current.CancellationToken;
        var variants = await VariantSet.CreateAsync(fixture, trades: 6000, profiles: 4, days: 200);
        foreach (var (variant, database) in variants.Databases)
        {
            await using var queries = new QueryLayer(server.ConnectionStringFor(database));
            var context = await QueryContextDiscovery.DiscoverAsync(queries.DataSource, ct);

            var byOffset = await queries.Trades.GetTradesAsync(QueryCatalog.DeepPage(context, PageKind.Offset).Query, ct);
            var byKeyset = await queries.Trades.GetTradesAsync(QueryCatalog.DeepPage(context, PageKind.Keyset).Query, ct);

            Assert.True(context.DeepOffset > 0, $"{variant}: no deep page in the hot profile's last 30 days");
            Assert.Equal((variant, QueryContext.DeepPageSize), (variant, byOffset.Trades.Count));
            Assert.Equal(byOffset.Trades.Select(t => t.Id), byKeyset.Trades.Select(t => t.Id));
        }
    }
}
