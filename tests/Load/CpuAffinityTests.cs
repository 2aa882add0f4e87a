using Perf.Load.Calibration;

namespace Perf.Tests.Load;

[Collection(LoadTimingGroup.Name)]
public sealed class CpuAffinityTests
{
    [Theory]
    [InlineData(new[] { 0, 1 }, "1", "0")]
    [InlineData(new[] { 0, 1, 2 }, "2", "0-1")]
    [InlineData(new[] { 0, 1, 2, 3 }, "2-3", "0-1")]
    [InlineData(new[] { 1, 3, 4, 5, 8 }, "5,8", "1,3-4")]
    public void Split_TwoOrMoreCpus_GivesTheServerTheUpperHalf(int[] allowed, string server, string clients)
    {
        var split = CpuAffinity.Split(allowed);

        Assert.NotNull(split);
        Assert.Equal(server, CpuAffinity.Format(split.Value.Server));
        Assert.Equal(clients, CpuAffinity.Format(split.Value.Clients));
    }

    [Fact]
    public void Split_OneCpu_IsNotPinned()
    {
        Assert.Null(CpuAffinity.Split([3]));
    }

    [Fact]
    public async Task TestServerProcess_GivenCpus_RunsThereAndLeavesTheStartingThreadWhereItWas()
    {
        var (server, _) = SplitOrSkip();
        var before = CpuAffinity.Allowed();
        var child = await TestServerProcess.StartAsync(server, TestContext.Current.CancellationToken);
        await using (child)
        {
            Assert.Equal(before, CpuAffinity.Allowed());
            Assert.Equal(CpuAffinity.Format(server), AllowedList($"/proc/{child.ProcessId}/status"));
        }
    }

    [Fact]
    public async Task SetProcess_PinsEveryThreadIncludingOnesStartedLater()
    {
        var (_, clients) = SplitOrSkip();
        var before = CpuAffinity.Allowed();
        var clientList = CpuAffinity.Format(clients);
        try
        {
            CpuAffinity.SetProcess(clients);
            var later = await Task.Factory.StartNew(() => CpuAffinity.Format(CpuAffinity.Allowed()), TestContext.Current.CancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

            Assert.Equal(clientList, later);
            Assert.All(ThreadCpuLists(), cpus => Assert.Equal(clientList, cpus));
        }
        finally
        {
            CpuAffinity.SetProcess(before);
        }

        Assert.All(ThreadCpuLists(), cpus => Assert.Equal(CpuAffinity.Format(before), cpus));
    }

    private static (int[] Server, int[] Clients) SplitOrSkip()
    {
        var split = CpuAffinity.Split();
        if (split is null)
        {
            Assert.Skip("Pinning needs Linux and at least two CPUs.");
        }

        return split.Value;
    }

    /// <summary>Cpus_allowed_list of every thread of this process (skipping one that ends while listed).</summary>
    internal static List<string> ThreadCpuLists()
    {
        var lists = new List<string>();
        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                lists.Add(AllowedList(Path.Combine(task, "status")));
            }
            catch (IOException)
            {
                // The thread ended between listing and reading.
            }
        }

        return lists;
    }

    private static string AllowedList(string statusFile) =>
        File.ReadLines(statusFile).Single(line => line.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal))["Cpus_allowed_list:".Length..].Trim();
}
