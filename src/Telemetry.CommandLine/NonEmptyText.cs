using System.CommandLine;

namespace Telemetry.CommandLine;

/// <summary>Options whose value is text that must say something: a path, an executable, a file to write.</summary>
public static class NonEmptyText
{
    /// <summary>An option whose value, when given, may not be empty or blank; null when absent.</summary>
    /// <remarks>An empty value is a mistake (an unset shell variable), never "use the default": it would otherwise reach the file system as <c>""</c>.</remarks>
    public static Option<string?> Option(string name, string description, string helpName)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = helpName };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } text && string.IsNullOrWhiteSpace(text))
            {
                result.AddError($"{name} is empty: give a {helpName}.");
            }
        });
        return option;
    }
}
