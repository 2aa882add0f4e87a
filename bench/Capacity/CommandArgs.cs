using System.Globalization;

namespace Perf.Bench.Capacity;

/// <summary>A small reader of <c>--flag value</c>, <c>--flag=value</c> and bare <c>--switch</c> arguments that rejects anything it was not asked about.</summary>
internal sealed class CommandArgs
{
    private readonly Dictionary<string, string?> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> read = new(StringComparer.Ordinal);

    public CommandArgs(IReadOnlyList<string> args, IReadOnlySet<string> switches)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(switches);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{arg}'.");
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                values[arg[2..equals]] = arg[(equals + 1)..];
            }
            else if (switches.Contains(arg[2..]))
            {
                values[arg[2..]] = null;
            }
            else if (i + 1 < args.Count)
            {
                values[arg[2..]] = args[++i];
            }
            else
            {
                throw new ArgumentException($"{arg} needs a value.");
            }
        }
    }

    public bool Has(string name)
    {
        read.Add(name);
        return values.ContainsKey(name);
    }

    public string? Get(string name)
    {
        read.Add(name);
        return values.TryGetValue(name, out var value) ? value : null;
    }

    public double GetDouble(string name, double fallback) => Get(name) is { } text
        ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : throw new ArgumentException($"--{name} '{text}' is not a number.")
        : fallback;

    public int GetInt(string name, int fallback) => Get(name) is { } text
        ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw new ArgumentException($"--{name} '{text}' is not an integer.")
        : fallback;

    public TimeSpan GetSeconds(string name, TimeSpan fallback) => Get(name) is { } text
        ? TimeSpan.FromSeconds(double.TryParse(text.TrimEnd('s'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : throw new ArgumentException($"--{name} '{text}' is not a duration in seconds (e.g. 5s)."))
        : fallback;

    /// <summary>Throws when an argument was given that no one read.</summary>
    public void RejectUnknown()
    {
        var unknown = values.Keys.Where(k => !read.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown option{(unknown.Count > 1 ? "s" : string.Empty)}: {string.Join(", ", unknown.Select(u => "--" + u))}.");
        }
    }
}
