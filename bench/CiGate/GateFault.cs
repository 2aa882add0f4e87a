namespace Perf.Bench.CiGate;

/// <summary>A fault the gate's self-test injects to prove the gate catches it; read from <c>PERF_GATE_FAULT</c> and nowhere else.</summary>
/// <param name="DropIndex">Drop this index from the plan gate's databases after they are prepared (a change that lost an index).</param>
/// <param name="SlowCase">Run this query twice per timed execution in the head's rounds (twice the work: a 2× regression); <c>CASE*N</c> runs it N times.</param>
/// <param name="CrashConfirmation">Make the head's probe exit with an error in the confirmation rounds.</param>
internal sealed record GateFault(string? DropIndex, string? SlowCase, bool CrashConfirmation)
{
    /// <summary>The environment variable: <c>drop-index:NAME</c>, <c>slow:CASE</c> (or <c>slow:CASE*N</c>), <c>crash:confirm</c>, comma-separated.</summary>
    public const string Variable = "PERF_GATE_FAULT";

    /// <summary>No fault: what every real run uses.</summary>
    public static GateFault None { get; } = new(null, null, false);

    /// <summary>Parses the variable's value (null or empty: none).</summary>
    /// <exception cref="ArgumentException">A part names no known fault.</exception>
    public static GateFault Parse(string? value)
    {
        var fault = None;
        foreach (var part in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            fault = part.Split(':', 2) switch
            {
                ["drop-index", { Length: > 0 } index] => fault with { DropIndex = index },
                ["slow", { Length: > 0 } name] => fault with { SlowCase = name },
                ["crash", "confirm"] => fault with { CrashConfirmation = true },
                _ => throw new ArgumentException($"{Variable}: '{part}' is not drop-index:NAME, slow:CASE or crash:confirm."),
            };
        }

        return fault;
    }

    /// <summary>Whether any fault is injected (the gate says so in its report).</summary>
    public bool Any => this != None;

    /// <summary>The variable's form, e.g. <c>slow:trades_page/hot/7d,crash:confirm</c>.</summary>
    public override string ToString() => string.Join(',', new[]
    {
        DropIndex is null ? null : "drop-index:" + DropIndex,
        SlowCase is null ? null : "slow:" + SlowCase,
        CrashConfirmation ? "crash:confirm" : null,
    }.OfType<string>());
}
