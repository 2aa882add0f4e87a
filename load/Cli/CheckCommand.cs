using System.CommandLine;
using Perf.Analysis.Capacity;
using Perf.Load.Model;
using Telemetry.CommandLine;

namespace Perf.Load.Cli;

/// <summary><c>check</c>: the main job's load check — dashboard traffic at a modest rate against the in-process API, PASS/FAIL per threshold.</summary>
/// <remarks>Same options as <c>run</c>; only the defaults differ (20 requests/s for 30 s after a 5 s warm-up, labelled <c>check</c>: 600 requests, so one stray slow request does not decide the p99).</remarks>
internal static class CheckCommand
{
    /// <summary>The <c>check</c> command.</summary>
    public static Command Create(RunOptions options, LoadContext context)
    {
        var command = new Command("check", "The main job's load check: run with dashboard traffic at 20 requests/s for 30 s after a 5 s warm-up.");
        options.AddTo(command, load: true);
        command.SetAction((parse, cancellationToken) =>
        {
            if (RunOptions.Given(parse, options.Concurrency))
            {
                // A closed model's latency is service time: requests the server delays are not sent, so a stall cannot show.
                throw new UsageException("check judges P95/P99 from the intended send time, which only an open model has; a closed model (--concurrency) measures service time and would pass through a stall: use --rate or --stages here, or run --concurrency for a diagnostic.");
            }

            var settings = options.Read(parse, requireLoad: true, context.ProvisioningFor(parse), context.Arguments);
            if (settings.Thresholds.Count == 0)
            {
                // With nothing to judge the check would PASS however many requests failed.
                throw new UsageException("check passes or fails the run by its thresholds, and there are none: give --threshold, or leave out --no-default-thresholds.");
            }

            if (!RunOptions.Given(parse, options.Rate) && !RunOptions.Given(parse, options.Stages))
            {
                var duration = RunOptions.Given(parse, options.MeasuredDuration) ? settings.Profile.MeasuredDuration : TimeSpan.FromSeconds(30);
                // A cold run has no warm-up (RunOptions refuses one).
                var warmup = RunOptions.Given(parse, options.Warmup) || settings.InProcess?.CacheState == CacheState.Cold ? settings.Profile.Warmup : TimeSpan.FromSeconds(5);
                settings = settings.WithProfile(LoadProfile.ConstantRate(20, duration, warmup, settings.Profile.Poisson));
            }

            return RunCommand.ExecuteAsync(settings with { Label = settings.Label ?? "check" }, context.Console, cancellationToken);
        });
        return command;
    }
}
