using System.Text.RegularExpressions;

namespace Perf.Harness.Provisioning;

/// <summary>The allow-list for database names the harness puts into SQL as identifiers.</summary>
internal static partial class DatabaseNames
{
    /// <summary>Returns the name when it matches <c>[a-z0-9_]{1,64}</c>, else throws.</summary>
    /// <exception cref="ArgumentException">The name is not allowed.</exception>
    public static string Validate(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!AllowedName().IsMatch(name))
        {
            throw new ArgumentException($"Database name '{name}' is not allowed: use 1 to 64 characters from [a-z0-9_].", nameof(name));
        }

        return name;
    }

    [GeneratedRegex("^[a-z0-9_]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex AllowedName();
}
