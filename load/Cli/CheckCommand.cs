using Perf.Harness.Provisioning;
using Perf.Load.Model;
using Spectre.Console;

namespace Perf.Load.Cli;

/// <summary><c>check</c>: the main job's load check — dashboard traffic at a modest rate against the in-process API, PASS/FAIL per threshold.</summary>
/// <remarks>Same options as <c>run</c>; only the defaults differ (20 requests/s for 20 s after a 5 s warm-up, labelled <c>check</c>).</remarks>
internal static class CheckCommand
{
    public static Task<int> ExecuteAsync(CommandArguments args, IAnsiConsole console, ProvisioningOptions provisioning, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var settings = RunSettingsParser.Parse(args, requireLoad: true, provisioning);
        if (!args.Has("rate") && !args.Has("stages") && !args.Has("concurrency"))
        {
            var duration = args.Has("duration") ? settings.Profile.MeasuredDuration : TimeSpan.FromSeconds(20);
            var warmup = args.Has("warmup") ? settings.Profile.Warmup : TimeSpan.FromSeconds(5);
            settings = settings.WithProfile(LoadProfile.ConstantRate(20, duration, warmup, settings.Profile.Poisson));
        }

        settings = settings with { Label = settings.Label ?? "check" };
        args.RejectUnknown();
        return RunCommand.ExecuteAsync(settings, console, cancellationToken);
    }
}
