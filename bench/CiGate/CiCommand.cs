using Perf.Harness.Gates;
using Perf.Harness.Provisioning;

namespace Perf.Bench.CiGate;

/// <summary><c>bench ci</c>: the command line around <see cref="CiGate"/>.</summary>
internal static class CiCommand
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Any(a => a is "--help" or "-h" or "-?"))
        {
            Console.WriteLine(CiOptions.Usage);
            return GateExitCodes.Passed;
        }

        CiOptions options;
        try
        {
            options = CiOptions.Parse(args);
            _ = GateFault.Parse(Environment.GetEnvironmentVariable(GateFault.Variable));
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync("ci: " + ex.Message + " (see --help)").ConfigureAwait(false);
            return GateExitCodes.ConfigurationError;
        }

        try
        {
            var run = await CiGate.RunAsync(options, args, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"ci: {run.Report.Reason}");
            Console.WriteLine($"ci: {Path.Combine(run.Directory, "gate.md")}");
            Console.WriteLine($"ci: {Path.Combine(run.Directory, GateOutput.JUnitFileName)}");
            return run.Report.ExitCode;
        }
        catch (ProvisioningException ex)
        {
            await Console.Error.WriteLineAsync("ci: invalid run: " + ex.Message).ConfigureAwait(false);
            return GateExitCodes.InvalidRun;
        }
    }
}
