using Docker.DotNet.Models;
using Perf.Harness.Provisioning;

namespace Perf.Tests.Harness;

public sealed class LoopbackPortsTests
{
    [Fact]
    public void Apply_EveryBinding_PublishedOnLoopbackOnly()
    {
        var parameters = new CreateContainerParameters
        {
            HostConfig = new HostConfig
            {
                PortBindings = new Dictionary<string, IList<PortBinding>>
                {
                    ["3306/tcp"] = [new PortBinding()],
                    ["33060/tcp"] = [new PortBinding { HostPort = "0" }, new PortBinding { HostIP = "0.0.0.0", HostPort = "40000" }],
                },
            },
        };

        LoopbackPorts.Apply(parameters);

        var bindings = parameters.HostConfig.PortBindings.Values.SelectMany(b => b).ToList();
        Assert.Equal(3, bindings.Count);
        Assert.All(bindings, b => Assert.Equal("127.0.0.1", b.HostIP));
        Assert.Equal("40000", bindings[2].HostPort);
    }

    [Fact]
    public void Apply_NoPortBindings_LeavesParametersAlone()
    {
        var parameters = new CreateContainerParameters { HostConfig = new HostConfig() };

        LoopbackPorts.Apply(parameters);

        Assert.Null(parameters.HostConfig.PortBindings);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("localhost", true)]
    [InlineData("::1", true)]
    [InlineData("docker.example.internal", false)]
    [InlineData("10.0.0.5", false)]
    public void IsLocal_ContainerHost_LoopbackOnlyForThisMachine(string host, bool local)
    {
        Assert.Equal(local, LoopbackPorts.IsLocal(host));
    }
}
