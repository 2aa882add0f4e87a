using System.Text.RegularExpressions;

namespace Telemetry.Data.Schema;

/// <summary>Names the database that holds one schema variant, so variants live side by side on one server.</summary>
public static partial class VariantDatabase
{
    /// <summary>The default prefix: <c>telemetry_basic</c>, <c>telemetry_composite</c>, <c>telemetry_partitioned</c>.</summary>
    public const string DefaultPrefix = "telemetry";

    /// <summary>The database name of a variant under a prefix of lower-case letters, digits and underscores.</summary>
    public static string Name(string prefix, SchemaVariant variant)
    {
        if (!PrefixPattern().IsMatch(prefix))
        {
            throw new ArgumentException("A database prefix is 1 to 40 lower-case letters, digits or underscores.", nameof(prefix));
        }

        return $"{prefix}_{variant.ToString().ToLowerInvariant()}";
    }

    [GeneratedRegex("^[a-z0-9_]{1,40}$")]
    private static partial Regex PrefixPattern();
}
