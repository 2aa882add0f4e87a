using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;

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
        if (Errors(parse) is { } message && parse.Action is not HelpAction)
        {
            return await ReportAsync(root, parse.CommandResult.Command, message, error).ConfigureAwait(false);
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
        return Errors(parse) is { } message ? throw new UsageException(message) : parse;
    }

    /// <summary>The parse errors as one line, or null.</summary>
    /// <remarks>
    /// System.CommandLine takes <see cref="Command.TreatUnmatchedTokensAsErrors"/> from the root alone, so a root that passes
    /// unknown tokens on (bench's, to BenchmarkDotNet) would pass them on for every sub-command too; here the chosen
    /// command's own setting decides.
    /// </remarks>
    private static string? Errors(ParseResult parse)
    {
        var messages = parse.Errors.Select(Describe).ToList();
        if (parse.CommandResult.Command.TreatUnmatchedTokensAsErrors && messages.Count == 0)
        {
            messages.AddRange(parse.UnmatchedTokens.Select(token => $"Unrecognized command or argument '{token}'."));
        }

        if (messages.Count == 0)
        {
            messages.AddRange(NonFinite(parse));
        }

        return messages.Count == 0 ? null : string.Join(" ", messages.Distinct());
    }

    /// <summary>The error's message; System.CommandLine's own type errors ("as expected type 'System.Nullable`1[System.Double]'") say instead what the option takes.</summary>
    private static string Describe(ParseError error)
    {
        var option = error.SymbolResult switch
        {
            OptionResult result => result,
            ArgumentResult { Parent: OptionResult result } => result,
            _ => null,
        };
        var type = option is null ? null : Nullable.GetUnderlyingType(option.Option.ValueType) ?? option.Option.ValueType;

        // The library names the .NET type in every language it speaks; an option's own parser never does.
        return option is { Tokens.Count: > 0 } && Form(type!) is { } form && error.Message.Contains(option.Option.ValueType.ToString(), StringComparison.Ordinal)
            ? $"{option.Option.Name} takes {form}; got '{option.Tokens[^1].Value}'."
            : error.Message;
    }

    private static string? Form(Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.Int32 => string.Create(CultureInfo.InvariantCulture, $"a whole number up to {int.MaxValue}"),
        TypeCode.Int64 => "a whole number",
        TypeCode.Double or TypeCode.Single or TypeCode.Decimal => "a number (e.g. 20, 0.5, 1e3)",
        _ => null,
    };

    /// <summary>Errors for NaN and infinities, which System.CommandLine's number conversion accepts and no option means.</summary>
    private static IEnumerable<string> NonFinite(ParseResult parse)
    {
        for (var command = parse.CommandResult; command is not null; command = command.Parent as CommandResult)
        {
            foreach (var option in command.Children.OfType<OptionResult>())
            {
                if (option is { Implicit: false, Tokens.Count: > 0 }
                    && (option.Option.ValueType == typeof(double) || option.Option.ValueType == typeof(double?))
                    && option.GetValueOrDefault<double?>() is { } value
                    && !double.IsFinite(value))
                {
                    yield return $"{option.Option.Name} takes a finite number; got '{option.Tokens[^1].Value}'.";
                }
            }
        }
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
