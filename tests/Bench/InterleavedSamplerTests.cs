using Perf.Bench.Capacity;
using Perf.Bench.Queries;

namespace Perf.Tests.Bench;

public sealed class InterleavedSamplerTests
{
    private static readonly QueryCase ApiQuery = QueryCatalog.TradePage(QueryCatalogTests.Context, ProfileKind.Hot, QueryWindow.SevenDays);

    [Theory]
    [InlineData(12, 6, 6)]
    [InlineData(8, 9, 9)]
    [InlineData(24, 6, 3)]
    [InlineData(12, 2, 2)]
    public void MinimumPerRound_ApiQueriesUnderTheTarget_KeepWhatAP95Needs(int rounds, int executions, int expected)
    {
        Assert.Equal(expected, InterleavedSampler.MinimumPerRound(ApiQuery, 499.9, rounds, executions));
        Assert.Equal(1, InterleavedSampler.MinimumPerRound(QueryCatalog.FullScan(), 20, rounds, executions));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(30_000)]
    public void MinimumPerRound_ApiQueryOverTheP95TargetInItsWarmUp_One(double warmUpMs)
    {
        Assert.Equal(1, InterleavedSampler.MinimumPerRound(ApiQuery, warmUpMs, 8, 9));
    }

    [Theory]
    [InlineData(20, 9)] // the budget affords more than --executions
    [InlineData(100, 9)] // it affords 3; a p95 needs 9 a round
    [InlineData(450, 9)]
    [InlineData(2_000, 1)] // over the target: what the budget affords, at least one
    [InlineData(20_000, 1)]
    public void PerRound_ApiQuery_TheBudgetCutsOnlyWhatIsOverTheTarget(double warmUpMs, int expected)
    {
        Assert.Equal(expected, InterleavedSampler.PerRound(ApiQuery, warmUpMs, 8, 9, TimeSpan.FromSeconds(3)));
    }

    [Theory]
    [InlineData(20, 9)]
    [InlineData(100, 3)]
    [InlineData(2_000, 1)]
    public void PerRound_NotAnApiQuery_WhatTheBudgetAffords(double warmUpMs, int expected)
    {
        Assert.Equal(expected, InterleavedSampler.PerRound(QueryCatalog.FullScan(), warmUpMs, 8, 9, TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void ArmAt_ThreeArms_RotateOneArmARound()
    {
        var orders = Enumerable.Range(0, 4).Select(round => string.Concat(Enumerable.Range(0, 3).Select(turn => (char)('A' + InterleavedSampler.ArmAt(round, turn, 3))))).ToList();

        Assert.Equal(["ABC", "BCA", "CAB", "ABC"], orders);
    }

    [Theory]
    [InlineData(2, 0)]
    [InlineData(3, 5)]
    [InlineData(4, 7)]
    public void ArmAt_AnyRunOfArmsRounds_EveryArmTakesEveryTurnOnce(int arms, int firstRound)
    {
        for (var turn = 0; turn < arms; turn++)
        {
            var armsAtThisTurn = Enumerable.Range(firstRound, arms).Select(round => InterleavedSampler.ArmAt(round, turn, arms)).Order();
            Assert.Equal(Enumerable.Range(0, arms), armsAtThisTurn);
        }

        for (var round = firstRound; round < firstRound + arms; round++)
        {
            var armsInThisRound = Enumerable.Range(0, arms).Select(turn => InterleavedSampler.ArmAt(round, turn, arms)).Order();
            Assert.Equal(Enumerable.Range(0, arms), armsInThisRound);
        }
    }
}
