namespace Perf.Bench.Queries;

/// <summary>The realistic parameters of a dataset: which profiles are hot and cold, where "now" is, where a deep page starts.</summary>
/// <param name="HotProfileId">The profile with the most trades.</param>
/// <param name="ColdProfileId">The profile with the fewest trades.</param>
/// <param name="Anchor">The end of every window: the last microsecond (UTC) of the newest trade's day.</param>
/// <param name="HotSymbol">The hot profile's most traded symbol (for the filtered list).</param>
/// <param name="HotScript">The hot profile's script with the most health samples.</param>
/// <param name="ColdScript">The cold profile's script with the most health samples.</param>
/// <param name="DeepOffset">The offset of the deep page in the hot profile's last 30 days.</param>
/// <param name="DeepCursor">The cursor token of the row just before the deep page, or null when there are too few rows.</param>
public sealed record QueryContext(
    int HotProfileId,
    int ColdProfileId,
    DateTime Anchor,
    string HotSymbol,
    string HotScript,
    string ColdScript,
    int DeepOffset,
    string? DeepCursor)
{
    /// <summary>The page size of deep-page queries.</summary>
    public const int DeepPageSize = 100;

    /// <summary>The deepest offset probed (the API's limit is 100,000; deeper pages go by cursor).</summary>
    public const int MaxDeepOffset = 10_000;

    /// <summary>A context that only lists the cases, before any data is read: their names do not depend on the data (never run its queries).</summary>
    public static QueryContext NamesOnly { get; } = new(1, 2, DateTime.UnixEpoch, "-", "-", "-", 0, null);

    /// <summary>The profile id of a kind.</summary>
    public int ProfileId(ProfileKind kind) => kind == ProfileKind.Hot ? HotProfileId : ColdProfileId;

    /// <summary>The health script of a profile kind.</summary>
    public string Script(ProfileKind kind) => kind == ProfileKind.Hot ? HotScript : ColdScript;
}
