using MySqlConnector;
using Perf.Bench.Gate;
using Perf.Bench.Plans;
using Perf.Bench.Queries;
using Perf.Tests.Infrastructure;
using Telemetry.Data.Queries;
using Telemetry.Data;
using Telemetry.Data.Schema;

namespace Perf.Tests.Bench;

/// <summary>The plan gate on a real server and small data: a second capture passes against the first, and it fails when an index goes away.</summary>
public sealed class PlanGateServerTests(DatabaseServerFixture fixture)
{
    private const int Trades = 6000;
    private const int Profiles = 4;
    private const int Days = 200;

    /// <summary>A baseline from one capture holds for the next on unchanged data: the captured counters are stable, or the gate would fail every CI run.</summary>
    [Fact]
    public async Task Gate_SecondCaptureAgainstTheFirst_Passes()
    {
        var (plans, variants, context, flavor) = await CaptureAsync();
        var again = plans;
        foreach (var variant in variants.Databases.Keys)
        {
            again = await RecaptureAsync(again, variants, context, flavor, variant);
        }

        var result = PlanGate.Check(PlanBaseline.From("test", "test", plans), again);

        Assert.True(result.Passed, string.Join("\n", result.Failures));
        Assert.Equal(QueryCatalog.All(context).Count * 3, result.Checked);
        // The composite variant reads the trade page through its index, not by scanning.
        var page = plans.Single(p => p.Query == "trades_page/hot/7d" && p.Variant == SchemaVariant.Composite);
        Assert.Equal("idx_trades_profile_time", page.Index);
        Assert.True(page.RowsRead <= page.RowsReturned + 1, $"read {page.RowsRead} rows for {page.RowsReturned}");

        // MariaDB counts each statement's own page requests; MySQL's only counters are server-wide, which the analysis leaves out.
        var statementPages = flavor == ServerFlavor.MariaDb;
        Assert.All(plans, p => Assert.Equal(statementPages ? PageScope.Statement : PageScope.Server, p.Pages!.LogicalScope));
        Assert.Equal(statementPages, page.ToExactWork().LogicalReads > 0);
    }

    [Fact]
    public async Task Gate_IndexDropped_FailsNamingTheQueryAndIndex()
    {
        var (plans, variants, context, flavor) = await CaptureAsync();
        var baseline = PlanBaseline.From("test", "test", plans);
        await using (var connection = await VariantSet.OpenAsync(fixture, variants.Databases[SchemaVariant.Composite]))
        {
            await IndexMigration.DropAsync(connection, TelemetryIndexes.Basic.Where(i => i.Name == "idx_trades_profile_time"), TestContext.Current.CancellationToken);
        }

        var result = PlanGate.Check(baseline, await RecaptureAsync(plans, variants, context, flavor, SchemaVariant.Composite));

        Assert.False(result.Passed);
        Assert.Contains(result.Failures, f => f.StartsWith("trades_page/hot/7d/Composite: was range on idx_trades_profile_time", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Failures, f => f.Contains("/Basic:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Gate_IndexIgnored_Fails()
    {
        var (plans, variants, context, flavor) = await CaptureAsync();
        var baseline = PlanBaseline.From("test", "test", plans);
        await using (var connection = await VariantSet.OpenAsync(fixture, variants.Databases[SchemaVariant.Composite]))
        {
            // Hidden from the optimizer but kept (MySQL: INVISIBLE, MariaDB: IGNORED).
            var hide = flavor == ServerFlavor.MariaDb ? "IGNORED" : "INVISIBLE";
            await using var command = new MySqlCommand($"ALTER TABLE dd_trade_performance ALTER INDEX idx_trades_profile_time {hide}", connection);
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var result = PlanGate.Check(baseline, await RecaptureAsync(plans, variants, context, flavor, SchemaVariant.Composite));

        Assert.False(result.Passed);
        Assert.Contains(result.Failures, f => f.StartsWith("trades_page/hot/1d/Composite: was range on idx_trades_profile_time", StringComparison.Ordinal));
    }

    private async Task<(IReadOnlyList<PlanResult> Plans, VariantSet Variants, QueryContext Context, ServerFlavor Flavor)> CaptureAsync()
    {
        var server = fixture.RequireServer();
        var variants = await VariantSet.CreateAsync(fixture, Trades, Profiles, Days);
        var connectionStrings = variants.Databases.ToDictionary(p => p.Key, p => server.ConnectionStringFor(p.Value));
        QueryContext context;
        await using (var queries = new QueryLayer(connectionStrings[SchemaVariant.Composite]))
        {
            context = await QueryContextDiscovery.DiscoverAsync(queries.DataSource, TestContext.Current.CancellationToken);
        }

        var plans = await PlanRunner.CaptureAsync(connectionStrings, server.Info.Flavor, QueryCatalog.All(context), TestContext.Current.CancellationToken);
        return (plans, variants, context, server.Info.Flavor);
    }

    private async Task<IReadOnlyList<PlanResult>> RecaptureAsync(
        IReadOnlyList<PlanResult> before, VariantSet variants, QueryContext context, ServerFlavor flavor, SchemaVariant variant)
    {
        var connectionString = fixture.RequireServer().ConnectionStringFor(variants.Databases[variant]);
        var again = await PlanRunner.CaptureAsync(new Dictionary<SchemaVariant, string> { [variant] = connectionString }, flavor, QueryCatalog.All(context), TestContext.Current.CancellationToken);
        return [.. before.Where(p => p.Variant != variant), .. again];
    }
}
