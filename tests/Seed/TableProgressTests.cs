using Perf.Seed;

namespace Perf.Tests.Seed;

/// <summary>The count of a phase over tables side by side: an in-flight table's estimate counts until the table is done, and then only its rows do.</summary>
public sealed class TableProgressTests
{
    [Fact]
    public void Estimate_CountsUntilItsTableIsAdded_ThenTheRowsReplaceIt()
    {
        var count = new TableProgress(2);
        count.Join(1_000);
        count.Join(100);

        Assert.Equal((400L, 1_100L, 0), count.Estimate("metrics", 400));
        Assert.Equal((700L, 1_100L, 0), count.Estimate("metrics", 700)); // a later estimate replaces the earlier
        Assert.Equal((800L, 1_100L, 0), count.Add(100, "health")); // another table done: the estimate stays
        Assert.Equal((1_100L, 1_100L, 0), count.Add(1_000, "metrics")); // its own rows replace it, not added to it
    }
}
