using System.CommandLine;
using System.CommandLine.Help;

namespace Telemetry.CommandLine;

/// <summary>The one usage-error path: parses a tool's command tree, prints help and nothing else for <c>--help</c>, and turns every mistake into one line and <see cref="ExitCodes.UsageError"/>.</summary>
public static class CommandLineRunner
{
    /// <summary>A tool's top command, named <paramref name="name"/> in help and errors, with <c>--help</c> on it and every sub-command.</summary>
    public static Command CreateRoot(string name, string description)
    {
        var root = new Command(name, description);
        root.Options.Add(new HelpOption { Recursive = true });
        return root;
    }

    /// <summary>Parses <paramref name="args"/> and runs the chosen command's action; returns the exit code.</summary>
    /// <remarks>Ctrl+C is left to the caller, who passes it as <paramref name="cancellationToken"/>: the tools wind down their own way.</remarks>
    public static async Task<int> RunAsync(Command root, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            return await ReportAsync(root, parse.CommandResult.Command, string.Join(" ", parse.Errors.Select(e => e.Message).Distinct()), error).ConfigureAwait(false);
        }

        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        try
        {
            return await parse.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (UsageException ex)
        {
            return await ReportAsync(root, parse.CommandResult.Command, ex.Message, error).ConfigureAwait(false);
        }
    }

    /// <summary>Parses <paramref name="args"/> for a caller that only wants the values (tests, composed tools).</summary>
    /// <exception cref="UsageException">The command line does not parse; the message is what the user would see.</exception>
    public static ParseResult Parse(Command root, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(root);
        var parse = root.Parse(args);
        return parse.Errors.Count == 0 ? parse : throw new UsageException(string.Join(" ", parse.Errors.Select(e => e.Message).Distinct()));
    }

    private static async Task<int> ReportAsync(Command root, Command command, string message, TextWriter error)
    {
        var path = new List<string>();
        for (Symbol? symbol = command; symbol is not null; symbol = symbol.Parents.FirstOrDefault())
        {
            path.Insert(0, symbol.Name);
        }

        await error.WriteLineAsync($"{root.Name}: error: {message}").ConfigureAwait(false);
        await error.WriteLineAsync($"Run '{string.Join(' ', path)} --help' for usage.").ConfigureAwait(false);
        return ExitCodes.UsageError;
    }
}
