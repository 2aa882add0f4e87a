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
}
