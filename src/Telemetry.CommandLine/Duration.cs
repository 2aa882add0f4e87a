using System.CommandLine;
using System.Globalization;

namespace Telemetry.CommandLine;

/// <summary>The one duration type and grammar of every tool: <c>500ms</c>, <c>15s</c>, <c>2m</c>, <c>1h</c>, <c>250us</c>; a bare number is seconds.</summary>
/// <param name="Value">The length of time.</param>
public readonly record struct Duration(TimeSpan Value)
{
    /// <summary>The length of time, for code that wants a <see cref="TimeSpan"/>.</summary>
    public static implicit operator TimeSpan(Duration duration) => duration.Value;

    /// <summary>Parses <paramref name="text"/>; <paramref name="what"/> names it in the error.</summary>
    /// <exception cref="UsageException">The text is not a non-negative duration a <see cref="TimeSpan"/> can hold.</exception>
    public static Duration Parse(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Read(text, what, out var value) is { } problem ? throw new UsageException(problem) : value;
    }

    /// <summary>Parses <paramref name="text"/>; false when it is not a non-negative duration a <see cref="TimeSpan"/> can hold.</summary>
    public static bool TryParse(string text, out Duration duration)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Read(text, string.Empty, out duration) is null;
    }

    /// <summary>An option taking a duration, <paramref name="defaultValue"/> when absent.</summary>
    public static Option<Duration> Option(string name, TimeSpan defaultValue, string description) =>
        new(name)
        {
            Description = description,
            HelpName = "duration",
            DefaultValueFactory = _ => new Duration(defaultValue),
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
                if (Read(text, name, out var value) is { } problem)
                {
                    result.AddError(problem);
                }

                return value;
            },
        };

    /// <summary>The length of time, for code that wants a <see cref="TimeSpan"/>.</summary>
    public TimeSpan ToTimeSpan() => Value;

    /// <summary>The duration in the grammar (<c>30s</c>, <c>50ms</c>, <c>2m</c>), as help shows defaults.</summary>
    public override string ToString() => Value switch
    {
        { Ticks: 0 } => "0s",
        _ when Value.TotalHours >= 1 && Value.TotalHours % 1 == 0 => string.Create(CultureInfo.InvariantCulture, $"{Value.TotalHours:0}h"),
        _ when Value.TotalMinutes >= 1 && Value.TotalMinutes % 1 == 0 => string.Create(CultureInfo.InvariantCulture, $"{Value.TotalMinutes:0}m"),
        _ when Value.TotalSeconds >= 1 => string.Create(CultureInfo.InvariantCulture, $"{Value.TotalSeconds:0.###}s"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Value.TotalMilliseconds:0.###}ms"),
    };

    /// <summary>Parses <paramref name="text"/>; the one-line problem, naming it <paramref name="what"/>, or null.</summary>
    private static string? Read(string text, string what, out Duration duration)
    {
        duration = default;
        var t = text.Trim();
        var (number, unit) = t switch
        {
            _ when t.EndsWith("ms", StringComparison.Ordinal) => (t[..^2], 0.001),
            _ when t.EndsWith("us", StringComparison.Ordinal) => (t[..^2], 0.000001),
            _ when t.EndsWith('s') => (t[..^1], 1.0),
            _ when t.EndsWith('m') => (t[..^1], 60.0),
            _ when t.EndsWith('h') => (t[..^1], 3600.0),
            _ => (t, 1.0),
        };
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !double.IsFinite(seconds) || seconds < 0)
        {
            return $"{what} '{text}' is not a duration (e.g. 15s, 500ms, 2m).";
        }

        // TimeSpan.FromSeconds throws past TimeSpan.MaxValue (about 29,000 years): a value out of range, not a crash.
        if (seconds * unit >= TimeSpan.MaxValue.TotalSeconds)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{what} '{text}' is longer than a duration can be ({Math.Floor(TimeSpan.MaxValue.TotalDays):0} days).");
        }

        duration = new Duration(TimeSpan.FromSeconds(seconds * unit));
        return null;
    }
}
