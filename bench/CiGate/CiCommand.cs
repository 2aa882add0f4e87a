using Perf.Analysis.Gates;
using Perf.Harness.Provisioning;
using Telemetry.CommandLine;

namespace Perf.Bench.CiGate;

/// <summary><c>bench ci</c>: runs <see cref="CiGate"/> and prints where its report is.</summary>
internal static class CiCommand
{
    public static async Task<int> RunAsync(CiOptions options, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        GateFault fault;
        try
        {
            fault = GateFault.Parse(Environment.GetEnvironmentVariable(GateFault.Variable));
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message, ex);
        }

        try
        {
            var run = await CiGate.RunAsync(options, arguments, fault, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"ci: {run.Report.Reason}");
            Console.WriteLine($"ci: {Path.Combine(run.Directory, "gate.md")}");
            Console.WriteLine($"ci: {Path.Combine(run.Directory, GateOutput.JUnitFileName)}");
            return run.Report.ExitCode;
        }
        catch (ProvisioningException ex)
        {
            await Console.Error.WriteLineAsync("ci: invalid run: " + ex.Message).ConfigureAwait(false);
            return ExitCodes.InvalidRun;
        }
    }
}
