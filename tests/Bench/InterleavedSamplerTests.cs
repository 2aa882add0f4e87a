using Perf.Bench.Capacity;

namespace Perf.Tests.Bench;

public sealed class InterleavedSamplerTests
{
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
