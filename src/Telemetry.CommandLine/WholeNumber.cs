using System.CommandLine;
using System.Globalization;

namespace Telemetry.CommandLine;

/// <summary>Options taking a whole number within bounds, with one message for every tool: "--name 'text' must be a whole number from min to max."</summary>
/// <remarks>Digits may be grouped with '_' (<c>10_000_000</c>). Given twice, the last value wins.</remarks>
public static class WholeNumber
{
    /// <summary>An option taking a whole number from <paramref name="min"/> to <paramref name="max"/>; null when absent.</summary>
    /// <param name="recursive">Whether sub-commands take it too.</param>
    public static Option<long?> Option(string name, long min, long max, string description, bool recursive = false) =>
        Create(name, min, max, description, recursive, number => (long?)number);

    /// <summary>Like <see cref="Option"/>, for values a 32-bit integer holds.</summary>
    public static Option<int?> Int32Option(string name, int min, int max, string description, bool recursive = false) =>
        Create(name, min, max, description, recursive, number => (int?)(int)number);

    private static Option<T> Create<T>(string name, long min, long max, string description, bool recursive, Func<long, T> convert) =>
        new(name)
        {
            Description = description,
            HelpName = "N",
            Recursive = recursive,
            // A wrapper may append an override (such as --pause-ms) to a stored command line: the last one given wins.
            Arity = ArgumentArity.OneOrMore,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
                if (long.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                    && number >= min && number <= max)
                {
                    return convert(number);
                }

                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} '{text}' must be a whole number from {min} to {max}."));
                return default!;
            },
        };
}
