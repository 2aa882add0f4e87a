using System.Globalization;

namespace Perf.Load.Cli;

/// <summary>Parsed command line: a command, positional arguments and <c>--name value</c> options.</summary>
internal sealed class CommandArguments
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    private CommandArguments(string command, IReadOnlyList<string> arguments)
    {
        Command = command;
        Arguments = arguments;
    }

    /// <summary>The whole command line as given.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>The first argument: run, capacity, merge, calibrate or help.</summary>
    public string Command { get; }

    /// <summary>Arguments that are not options.</summary>
    public List<string> Positionals { get; } = [];

    /// <summary>Splits <paramref name="args"/>; names in <paramref name="flags"/> take no value.</summary>
    public static CommandArguments Parse(IReadOnlyList<string> args, IReadOnlySet<string> flags)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(flags);
        var parsed = new CommandArguments(args.Count == 0 ? "help" : args[0], [.. args]);
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                parsed.Positionals.Add(arg);
                continue;
            }

            var name = arg[2..];
            string value;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            else if (flags.Contains(name))
            {
                value = "true";
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                throw new ConfigurationException($"Option --{name} needs a value.");
            }

            if (!parsed._options.TryGetValue(name, out var values))
            {
                parsed._options[name] = values = [];
            }

            values.Add(value);
        }

        return parsed;
    }

    /// <summary>True when the flag or option was given.</summary>
    public bool Has(string name)
    {
        _used.Add(name);
        return _options.ContainsKey(name);
    }

    /// <summary>The last value of an option, or null.</summary>
    public string? Get(string name)
    {
        _used.Add(name);
        return _options.TryGetValue(name, out var values) ? values[^1] : null;
    }

    /// <summary>Every value of a repeatable option; comma-separated values are split.</summary>
    public IReadOnlyList<string> GetAll(string name, bool splitCommas = true)
    {
        _used.Add(name);
        if (!_options.TryGetValue(name, out var values))
        {
            return [];
        }

        return splitCommas
            ? [.. values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))]
            : values;
    }

    /// <summary>A number option.</summary>
    public double GetDouble(string name, double fallback)
    {
        var text = Get(name);
        if (text is null)
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new ConfigurationException($"--{name} '{text}' is not a number.");
    }

    /// <summary>An integer option.</summary>
    public int GetInt(string name, int fallback)
    {
        var text = Get(name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ConfigurationException($"--{name} '{text}' is not a whole number.");
    }

    /// <summary>A duration option (<c>30s</c>, <c>500ms</c>, <c>2m</c>; bare numbers are seconds).</summary>
    public TimeSpan GetDuration(string name, TimeSpan fallback)
    {
        var text = Get(name);
        return text is null ? fallback : DurationText.Parse(text, "--" + name);
    }

    /// <summary>Fails on any option the command did not ask about.</summary>
    public void RejectUnknown()
    {
        var unknown = _options.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new ConfigurationException($"Unknown option{(unknown.Count > 1 ? "s" : string.Empty)} for '{Command}': {string.Join(", ", unknown.Select(u => "--" + u))}. See --help.");
        }
    }
}
