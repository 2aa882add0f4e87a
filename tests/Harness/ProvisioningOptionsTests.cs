using Perf.Harness.Provisioning;
using Telemetry.Data;

namespace Perf.Tests.Harness;

public sealed class ProvisioningOptionsTests
{
    [Theory]
    [InlineData(ServerFlavor.MariaDb, "--innodb-log-file-size=1G", "--innodb-redo-log-capacity")]
    [InlineData(ServerFlavor.MySql, "--innodb-redo-log-capacity=1G", "--innodb-log-file-size")]
    public void ServerSettings_Flavor_SizesTheRedoLogWithItsOwnVariable(ServerFlavor flavor, string expected, string absent)
    {
        var settings = new ProvisioningOptions { BufferPoolSize = "3G", RedoLogSize = "1G" }.ServerSettings(flavor).ToList();

        Assert.Contains("--innodb-buffer-pool-size=3G", settings);
        Assert.Contains(expected, settings);
        Assert.DoesNotContain(settings, s => s.StartsWith(absent, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ServerFlavor.MariaDb, true)]
    [InlineData(ServerFlavor.MySql, false)]
    public void ServerSettings_QueryCache_OffWhereTheServerHasOne(ServerFlavor flavor, bool expected)
    {
        var settings = new ProvisioningOptions().ServerSettings(flavor).ToList();

        Assert.Equal(expected, settings.Contains("--query-cache-type=0"));
        Assert.Equal(expected, settings.Contains("--query-cache-size=0"));
    }

    [Fact]
    public void ReadOnlyUserFor_DatabaseSets_OneAccountPerSetWithinMySqlsLimit()
    {
        var ab = ProvisionedServer.ReadOnlyUserFor(["a", "b"]);

        Assert.Equal(ab, ProvisionedServer.ReadOnlyUserFor(["b", "a"]));
        Assert.NotEqual(ab, ProvisionedServer.ReadOnlyUserFor(["a"]));
        Assert.StartsWith(ProvisionedServer.ReadOnlyUserPrefix, ab, StringComparison.Ordinal);
        Assert.True(ab.Length <= 32);
    }
}
