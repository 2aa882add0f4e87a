using Perf.Harness.Provisioning;
using Perf.Harness.Results;
using Telemetry.Data;

namespace Perf.Tests.Harness;

public sealed class ProvisioningOptionsTests
{
    [Fact]
    public void FromArgs_MySqlFlagWithSpace_TakesValueAndKeepsRest()
    {
        var (options, rest) = ProvisioningOptions.FromArgs(["--scale", "small", "--mysql", "Server=x;User ID=y", "--rate", "50"]);

        Assert.Equal("Server=x;User ID=y", options.ConnectionString);
        Assert.Equal(["--scale", "small", "--rate", "50"], rest);
    }

    [Fact]
    public void FromArgs_FlagsWithEquals_AllRead()
    {
        var (options, rest) = ProvisioningOptions.FromArgs(["--mysql=Server=x;Port=1", "--redis=127.0.0.1:6380", "--mysql-datadir=/tmp/d"]);

        Assert.Equal("Server=x;Port=1", options.ConnectionString);
        Assert.Equal("127.0.0.1:6380", options.RedisConfiguration);
        Assert.Equal("/tmp/d", options.DataDirectory);
        Assert.Empty(rest);
    }

    [Fact]
    public void FromArgs_NoFlags_DefaultsAndAllArgsRemain()
    {
        var (options, rest) = ProvisioningOptions.FromArgs(["a", "b"]);

        Assert.Null(options.ConnectionString);
        Assert.Null(options.RedisConfiguration);
        Assert.Equal(["a", "b"], rest);
    }

    [Fact]
    public void FromArgs_FlagWithoutValue_Throws()
    {
        Assert.Throws<ArgumentException>(() => ProvisioningOptions.FromArgs(["--mysql"]));
        Assert.Throws<ArgumentException>(() => ProvisioningOptions.FromArgs(["--redis="]));
    }

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

    [Fact]
    public void TakeResultsDirectory_Flag_Removed()
    {
        var (directory, rest) = ResultWriter.TakeResultsDirectory(["--results", "out/x", "--rate", "5"]);

        Assert.Equal("out/x", directory);
        Assert.Equal(["--rate", "5"], rest);
    }

    [Theory]
    [InlineData("localhost", "localhost", 6379, null)]
    [InlineData("127.0.0.1:6380,password=pw,abortConnect=false", "127.0.0.1", 6380, "pw")]
    [InlineData("[::1]:7000", "::1", 7000, null)]
    public void RedisEndpoint_Configuration_Parsed(string configuration, string host, int port, string? password)
    {
        var endpoint = RedisEndpoint.Parse(configuration);

        Assert.Equal(host, endpoint.Host);
        Assert.Equal(port, endpoint.Port);
        Assert.Equal(password, endpoint.Password);
    }
}
