using Perf.Load.Measurement;
using Perf.Load.Reports;

namespace Perf.Tests.Load;

public sealed class ShedCountTests
{
    [Fact]
    public void GroupSummary_ShedAndOtherErrors_CountsShedApartWithinFailed()
    {
        var stats = new StatsAccumulator("total");
        foreach (var (status, outcome) in new[]
        {
            (200, RequestOutcome.Ok), (503, RequestOutcome.HttpError), (503, RequestOutcome.HttpError), (429, RequestOutcome.HttpError),
            (500, RequestOutcome.HttpError), (0, RequestOutcome.Timeout),
        })
        {
            stats.Record(new RequestSample(1000, 1000, 0, status, outcome, 10));
        }

        var summary = GroupSummary.From(stats.Snapshot(), seconds: 1);

        Assert.Equal(5, summary.Failed);
        Assert.Equal(3, summary.Shed);
    }
}
