using System.Globalization;
using System.Text.RegularExpressions;
using Telemetry.Data.Model;

namespace Telemetry.Data.Queries;

/// <summary>Parses and checks raw query parameters, naming the parameter in every error.</summary>
/// <remarks>Parameters arrive as strings so that a non-number or an odd string gets our message, not a framework's.</remarks>
public static partial class QueryRules
{
    /// <summary>What a symbol must match, as a JSON Schema (ECMAScript) pattern for the API's description.</summary>
    public const string SymbolPattern = "^" + SymbolCharacters + "$";

    /// <summary>What metric types and names and script names must match (their length is checked apart), as a JSON Schema pattern.</summary>
    public const string NamePattern = "^" + NameCharacters + "$";

    /// <summary>How a list with a keyset cursor (trades) reaches rows past <see cref="QueryLimits.MaxOffset"/>.</summary>
    public const string DeeperByCursor = "deeper pages follow next_cursor (passed as cursor, without offset)";

    /// <summary>How a list without a cursor (metrics, health) reaches rows past <see cref="QueryLimits.MaxOffset"/>.</summary>
    public const string DeeperByRange = "this list pages by offset only: for rows further back, narrow start_time and end_time";

    /// <summary>The earliest year an instant the API takes may fall in.</summary>
    public const int EarliestYear = 1970;

    /// <summary>The latest year an instant the API takes may fall in.</summary>
    public const int LatestYear = 9000;

    private const string SymbolCharacters = "[A-Za-z0-9.-]{1,16}";
    private const string NameCharacters = "[A-Za-z0-9_.:*-]+";

    // The checks end in \z, not $: in .NET, $ also matches before a final newline, so "AAPL\n" would pass and find nothing.
    private const string EndOfValue = @"\z";

    // ISO 8601 as the API documents it: a date, optionally a time (T or a space between) and an offset.
    private const string IsoInstantPattern =
        @"^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?)?\z";

    /// <summary>Parses a profile id: a positive 32-bit integer.</summary>
    public static int ParseProfileId(string? value)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            throw new QueryValidationException(ParameterNames.ProfileId, $"{ParameterNames.ProfileId} must be a positive integer.");
        }

        return id;
    }

    /// <summary>Parses an optional ISO 8601 instant; a value without offset is taken as UTC. Truncated to microseconds.</summary>
    public static DateTime? ParseInstant(string? value, string parameter)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (!TryParseIsoInstant(value, out var utc))
        {
            // A '+' sent unencoded in a query string arrives as a space: "…T00:00:00 02:00".
            var hint = value.Contains(' ', StringComparison.Ordinal) ? " An offset's '+' must be sent as %2B in a query string." : string.Empty;
            throw new QueryValidationException(parameter, $"{parameter} must be an ISO 8601 date or date-time, e.g. 2024-01-31T00:00:00Z.{hint}");
        }

        if (utc.Year < EarliestYear || utc.Year > LatestYear)
        {
            throw new QueryValidationException(parameter, $"{parameter} must be between {EarliestYear} and {LatestYear}.");
        }

        return utc;
    }

    /// <summary>Parses an ISO 8601 date or date-time as the API documents it, and nothing else; one without offset is UTC. Truncated to microseconds.</summary>
    /// <remarks>For every reader of instants (the API's parameters, the jobs' <c>--now</c>), so all accept the same text.</remarks>
    public static bool TryParseIsoInstant(string value, out DateTime utc)
    {
        ArgumentNullException.ThrowIfNull(value);
        utc = default;
        // DateTimeOffset.TryParse alone also reads "01/02/2024" (US order) and "12:00" (today, by the system clock).
        if (value.Length > 40 || !IsoInstantRegex().IsMatch(value) || !DateTimeOffset.TryParse(
                value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return false;
        }

        // DATETIME(6) keeps microseconds; drop the 100 ns tick so what we compare is what the server stores.
        utc = new DateTime(parsed.UtcDateTime.Ticks - (parsed.UtcDateTime.Ticks % 10), DateTimeKind.Utc);
        return true;
    }

    /// <summary>Parses a limit: 1 to <see cref="QueryLimits.MaxLimit"/>, default <see cref="QueryLimits.DefaultLimit"/>.</summary>
    public static int ParseLimit(string? value) =>
        ParseBounded(value, ParameterNames.Limit, 1, QueryLimits.MaxLimit, QueryLimits.DefaultLimit);

    /// <summary>Parses an offset: 0 to <see cref="QueryLimits.MaxOffset"/>, default 0.</summary>
    /// <param name="value">The parameter's value.</param>
    /// <param name="deeperPages">How the list reaches rows past the cap, for the error: <see cref="DeeperByCursor"/> or <see cref="DeeperByRange"/>.</param>
    public static int ParseOffset(string? value, string deeperPages) =>
        ParseBounded(value, ParameterNames.Offset, 0, QueryLimits.MaxOffset, 0, deeperPages);

    /// <summary>Parses a window type name (hourly, daily, weekly, monthly), case-insensitive.</summary>
    public static WindowType ParseWindowType(string? value, WindowType defaultValue)
    {
        if (string.IsNullOrEmpty(value))
        {
            return defaultValue;
        }

        return WindowTypes.TryParse(value, out var windowType)
            ? windowType
            : throw new QueryValidationException(ParameterNames.WindowType, $"{ParameterNames.WindowType} must be one of hourly, daily, weekly, monthly.");
    }

    /// <summary>Checks an optional symbol: 1 to 16 letters, digits, dot or dash; returned upper-case.</summary>
    public static string? ParseSymbol(string? value) =>
        string.IsNullOrEmpty(value) ? null
        : SymbolRegex().IsMatch(value) ? value.ToUpperInvariant()
        : throw new QueryValidationException(ParameterNames.Symbol, $"{ParameterNames.Symbol} must be 1 to 16 letters, digits, '.' or '-'.");

    /// <summary>Checks an optional value against a closed vocabulary.</summary>
    public static string? ParseOneOf(string? value, string parameter, IReadOnlyList<string> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var match = allowed.FirstOrDefault(a => string.Equals(a, value, StringComparison.OrdinalIgnoreCase));
        return match ?? throw new QueryValidationException(parameter, $"{parameter} must be one of {string.Join(", ", allowed)}.");
    }

    /// <summary>Checks an optional identifier-like string (metric types and names, script names).</summary>
    public static string? ParseName(string? value, string parameter, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return value.Length <= maxLength && NameRegex().IsMatch(value)
            ? value
            : throw new QueryValidationException(parameter, $"{parameter} must be 1 to {maxLength} characters of letters, digits and _ . : - *.");
    }

    /// <summary>Like <see cref="ParseName"/>, but the value is required.</summary>
    public static string ParseRequiredName(string? value, string parameter, int maxLength) =>
        ParseName(value, parameter, maxLength) ?? throw new QueryValidationException(parameter, $"{parameter} is required.");

    /// <summary>Checks that a trade list's or summary's range starts where the table it is answered from still holds its rows.</summary>
    /// <param name="range">The resolved range: 90 days or less is answered from raw trades, a wider one from the daily aggregates of the days it touches.</param>
    /// <param name="kept">Where the live tables hold their rows from (<see cref="KeptFromReader"/>).</param>
    /// <param name="startGiven">Whether the range's start was given (else it follows from <c>end_time</c>, which is blamed, as <see cref="DateRange.Resolve"/> does).</param>
    /// <exception cref="QueryValidationException">The range reaches before that instant: the answer would be partial.</exception>
    public static void EnsureTradesKept(DateRange range, KeptFrom kept, bool startGiven)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(kept);
        if (range.Span <= QueryLimits.RawTradesMaxRange)
        {
            EnsureKept(range.Start, kept.Trades, startGiven, "raw trades are kept from {0} (archive has moved older ones out), and ranges of 90 days or less are answered from them (wider ones from daily aggregates)");
        }
        else
        {
            EnsureKept(WindowType.Daily.WindowStart(range.Start), kept.Metrics, startGiven, "ranges over 90 days are answered from daily aggregates, which are kept for days from {0} (archive has moved older ones out)");
        }
    }

    /// <summary>Checks that a metrics range starts where the metric windows are still kept: the window holding its start too, which the answer includes.</summary>
    /// <param name="range">The resolved range.</param>
    /// <param name="windowType">The windows asked for.</param>
    /// <param name="kept">Where the live tables hold their rows from (<see cref="KeptFromReader"/>).</param>
    /// <param name="startGiven">Whether the range's start was given (else <c>end_time</c> is blamed).</param>
    /// <exception cref="QueryValidationException">The answer would lack windows archive has moved out.</exception>
    public static void EnsureMetricsKept(DateRange range, WindowType windowType, KeptFrom kept, bool startGiven)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(kept);
        var name = windowType.ToName();
        EnsureKept(windowType.WindowStart(range.Start), kept.Metrics, startGiven, $"{name} windows are kept from those starting at {{0}} (archive has moved older ones out), and the answer starts with the {name} window holding the range's start");
    }

    /// <summary>Checks that a health range starts where the health samples are still kept.</summary>
    /// <param name="range">The resolved range.</param>
    /// <param name="kept">Where the live tables hold their rows from (<see cref="KeptFromReader"/>).</param>
    /// <param name="startGiven">Whether the range's start was given (else <c>end_time</c> is blamed).</param>
    /// <exception cref="QueryValidationException">The answer would lack samples retention has deleted.</exception>
    public static void EnsureHealthKept(DateRange range, KeptFrom kept, bool startGiven)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(kept);
        EnsureKept(range.Start, kept.Health, startGiven, "health samples are kept from {0} (retention has deleted older ones)");
    }

    /// <summary>Refuses an answer read from <paramref name="from"/> on when its table holds rows only from <paramref name="keptFrom"/> on.</summary>
    /// <param name="from">The first instant the answer reads.</param>
    /// <param name="keptFrom">Where that table holds its rows from; null when retention never reached it.</param>
    /// <param name="startGiven">Whether <c>start_time</c> was given (it is blamed) or followed from <c>end_time</c>.</param>
    /// <param name="kept">What is kept, with <c>{0}</c> where the instant goes.</param>
    private static void EnsureKept(DateTime from, DateTime? keptFrom, bool startGiven, string kept)
    {
        if (keptFrom is not { } keptFromValue || from >= keptFromValue)
        {
            return;
        }

        var why = string.Format(CultureInfo.InvariantCulture, kept, keptFromValue.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        throw startGiven
            ? new QueryValidationException(ParameterNames.StartTime, $"{ParameterNames.StartTime} must not be earlier: {why}.")
            : new QueryValidationException(ParameterNames.EndTime, $"{ParameterNames.EndTime} is too early: without {ParameterNames.StartTime} the range starts before it, and {why}.");
    }

    private static int ParseBounded(string? value, string parameter, int min, int max, int defaultValue, string? beyond = null)
    {
        if (string.IsNullOrEmpty(value))
        {
            return defaultValue;
        }

        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) || parsed < min || parsed > max)
        {
            var hint = beyond is null ? string.Empty : "; " + beyond;
            throw new QueryValidationException(parameter, string.Create(CultureInfo.InvariantCulture, $"{parameter} must be an integer from {min} to {max}{hint}."));
        }

        return parsed;
    }

    [GeneratedRegex("^" + SymbolCharacters + EndOfValue)]
    private static partial Regex SymbolRegex();

    [GeneratedRegex("^" + NameCharacters + EndOfValue)]
    private static partial Regex NameRegex();

    [GeneratedRegex(IsoInstantPattern)]
    private static partial Regex IsoInstantRegex();
}
