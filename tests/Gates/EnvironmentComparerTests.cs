using Perf.Analysis.Gates;
using Telemetry.CommandLine;

namespace Perf.Tests.Gates;

public sealed class EnvironmentComparerTests
{
    [Fact]
    public void Differences_SameBootOtherHostAndPatch_None()
    {
        var other = SyntheticTimings.Manifest() with { Machine = SyntheticTimings.Manifest().Machine with { HostName = "elsewhere", RuntimeVersion = ".NET 10.0.13" } };

        Assert.Empty(EnvironmentComparer.Differences(SyntheticTimings.Manifest(), other));
    }

    [Fact]
    public void Differences_AnotherVmOfTheSameKind_NamesTheMachine()
    {
        // Same CPU, cores, memory and OS: the description matches, the identity does not.
        var differences = EnvironmentComparer.Differences(SyntheticTimings.Manifest(), SyntheticTimings.Manifest(machineId: "fedcba9876543210"));

        Assert.Equal("machine: baseline 0123456789abcdef, this run fedcba9876543210", Assert.Single(differences));
    }

    [Theory]
    [InlineData(null, null, "machine identity unknown: baseline unknown, this run unknown (an unknown identity matches none: one machine cannot be shown)")]
    [InlineData("0123456789abcdef", null, "machine identity unknown: baseline 0123456789abcdef, this run unknown (an unknown identity matches none: one machine cannot be shown)")]
    public void Differences_MachineIdentityUnknown_NamedEvenWhenBothAreUnknown(string? baselineId, string? currentId, string expected)
    {
        // Two VMs of one kind off Linux: everything described matches, and neither side knows which machine it ran on.
        static Perf.Harness.Results.RunManifest On(string? id) => SyntheticTimings.Manifest() with { Machine = SyntheticTimings.Manifest().Machine with { MachineId = id } };

        Assert.Equal(expected, Assert.Single(EnvironmentComparer.Differences(On(baselineId), On(currentId))));
    }

    [Theory]
    [InlineData(23, null)] // what the kernel reserves moves by a little between boots
    [InlineData(16, "memory: baseline 24.0 GiB, this run 16.0 GiB")]
    public void Differences_Memory_NamedOnlyBeyondATenth(long currentGiB, string? expected)
    {
        var current = SyntheticTimings.Manifest() with { Machine = SyntheticTimings.Manifest().Machine with { TotalMemoryBytes = currentGiB << 30 } };

        Assert.Equal(expected is null ? [] : [expected], EnvironmentComparer.Differences(SyntheticTimings.Manifest(), current));
    }

    [Fact]
    public void Differences_DataWithoutAChecksum_ComparedByItsRows()
    {
        // Two databases the seeder did not record (bench --no-seed on other data): the same label but for their rows.
        var found = new Perf.Harness.Results.DatasetInfo(0, "as found (--no-seed)", new Dictionary<string, long> { ["dd_trade_performance"] = 200_000, ["dd_system_health"] = 50 }, null);
        var baseline = SyntheticTimings.Manifest() with { Dataset = found };
        var grown = SyntheticTimings.Manifest() with { Dataset = found with { RowCounts = new Dictionary<string, long> { ["dd_trade_performance"] = 250_000, ["dd_system_health"] = 50 } } };

        Assert.Empty(EnvironmentComparer.Differences(baseline, baseline with { }));
        Assert.Equal(
            "dataset: baseline as found (--no-seed) seed 0 checksum none, rows dd_system_health 50, dd_trade_performance 200000, this run as found (--no-seed) seed 0 checksum none, rows dd_system_health 50, dd_trade_performance 250000",
            Assert.Single(EnvironmentComparer.Differences(baseline, grown)));
    }

    [Fact]
    public void Differences_DatasetSchemaServerAndSettings_EachNamed()
    {
        var current = SyntheticTimings.Manifest(serverVersion: "10.11.20-MariaDB") with
        {
            Dataset = SyntheticTimings.Manifest().Dataset! with { Checksum = "ffff" },
            DdlHashes = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["Composite"] = "ddl-2" },
        };
        current = current with { Server = current.Server! with { Settings = new Dictionary<string, string> { ["innodb_buffer_pool_size"] = "268435456" } } };

        var differences = EnvironmentComparer.Differences(SyntheticTimings.Manifest(), current);

        Assert.Contains("server: baseline MariaDb 10.11.14-MariaDB-0+deb12u2, this run MariaDb 10.11.20-MariaDB", differences);
        Assert.Contains("server setting innodb_buffer_pool_size: baseline 2147483648, this run 268435456", differences);
        Assert.Contains("dataset: baseline gate seed 42 checksum 0a7884e0, rows dd_trade_performance 200000, this run gate seed 42 checksum ffff, rows dd_trade_performance 200000", differences);
        Assert.Contains("schema (Composite DDL hash): baseline ddl-1, this run ddl-2", differences);
    }

    [Fact]
    public void Differences_AnotherVariantsBaseline_NamesBothSchemas()
    {
        // A stored baseline of Composite's timings, and a run that timed Partitioned: neither schema is on both sides.
        var current = SyntheticTimings.Manifest() with { DdlHashes = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["Partitioned"] = "ddl-1" } };

        var differences = EnvironmentComparer.Differences(SyntheticTimings.Manifest(), current);

        Assert.Equal(
            ["schema (Composite DDL hash): baseline ddl-1, this run not measured", "schema (Partitioned DDL hash): baseline not measured, this run ddl-1"],
            differences);
    }

    [Fact]
    public void GateReport_ExitCodes_RegressionThenErrorThenEnvironment()
    {
        GateCheck Check(string suite, GateOutcome outcome) => new(suite, "c", outcome, "m");

        Assert.Equal(ExitCodes.Success, new GateReport([Check("plans", GateOutcome.Passed), Check("load", GateOutcome.Skipped)], []).ExitCode);
        Assert.Equal(ExitCodes.EnvironmentMismatch, new GateReport([Check(GateReport.EnvironmentSuite, GateOutcome.Failed)], []).ExitCode);
        Assert.Equal(ExitCodes.InvalidRun, new GateReport([Check(GateReport.EnvironmentSuite, GateOutcome.Failed), Check("load", GateOutcome.Error)], []).ExitCode);
        Assert.Equal(ExitCodes.ThresholdsFailed, new GateReport([Check("load", GateOutcome.Error), Check("plans", GateOutcome.Failed)], []).ExitCode);
        Assert.False(new GateReport([Check("load", GateOutcome.Error)], []).Passed);
    }
}
