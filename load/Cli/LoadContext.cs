using System.CommandLine;
using Perf.Harness.CommandLine;
using Perf.Harness.Provisioning;
using Spectre.Console;

namespace Perf.Load.Cli;

/// <summary>What every load command's action needs besides its own options.</summary>
/// <param name="Console">Where output goes.</param>
/// <param name="Provisioning">How to find the server when no <c>--mysql</c>/<c>--redis</c> is given.</param>
/// <param name="Arguments">The command line as given, recorded (redacted) in the manifest.</param>
/// <param name="Harness">The shared harness options.</param>
internal sealed record LoadContext(IAnsiConsole Console, ProvisioningOptions Provisioning, IReadOnlyList<string> Arguments, HarnessOptions Harness)
{
    /// <summary>The server options of the command line over <see cref="Provisioning"/>.</summary>
    public ProvisioningOptions ProvisioningFor(ParseResult parse)
    {
        var given = Harness.Provisioning(parse);
        return Provisioning with
        {
            ConnectionString = given.ConnectionString ?? Provisioning.ConnectionString,
            RedisConfiguration = given.RedisConfiguration ?? Provisioning.RedisConfiguration,
            DataDirectory = given.DataDirectory ?? Provisioning.DataDirectory,
        };
    }
}
