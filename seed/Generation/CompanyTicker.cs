using Bogus;

namespace Perf.Seed.Generation;

/// <summary>Ticker symbols made from Bogus company names the way exchanges abbreviate them: "Kuhn LLC" → KUHN, "Schmidt, Kuhn and Hackett" → SKH.</summary>
internal static class CompanyTicker
{
    // Bogus's English company suffixes ("Inc", "and Sons", "LLC", "Group") and the "and" of its three-name format.
    private static readonly HashSet<string> CorporateWords = new(StringComparer.Ordinal) { "and", "Inc", "Sons", "LLC", "Group" };

    /// <summary>Draws company names from <paramref name="faker"/> until one gives a ticker not in <paramref name="taken"/>, and adds it.</summary>
    /// <remarks>Candidates in order: the initials of a multi-name company, the first name's first four and three letters, then
    /// its first letter followed by letters picked in order from the rest of the name (as MSFT comes from Microsoft).</remarks>
    public static string Draw(Faker faker, HashSet<string> taken)
    {
        while (true)
        {
            var names = Names(faker.Company.CompanyName());
            var letters = string.Concat(names);
            var initials = string.Concat(names.Select(n => n[0]));
            if (names.Count > 1 && taken.Add(initials))
            {
                return initials;
            }

            foreach (var length in (ReadOnlySpan<int>)[4, 3])
            {
                if (names[0].Length >= length && taken.Add(names[0][..length]))
                {
                    return names[0][..length];
                }
            }

            for (var attempt = 0; attempt < 4 && letters.Length > 2; attempt++)
            {
                var picks = Math.Min(faker.Random.Number(2, 4), letters.Length - 1);
                var positions = faker.Random.ArrayElements(Enumerable.Range(1, letters.Length - 1).ToArray(), picks);
                Array.Sort(positions);
                var ticker = letters[0] + string.Concat(positions.Select(p => letters[p]));
                if (taken.Add(ticker))
                {
                    return ticker;
                }
            }
        }
    }

    /// <summary>The company's own names in capitals, ASCII letters only ("O'Keefe" → OKEEFE).</summary>
    private static List<string> Names(string company) =>
        [.. company.Split([' ', ',', '-'], StringSplitOptions.RemoveEmptyEntries)
            .Where(word => !CorporateWords.Contains(word))
            .Select(word => string.Concat(word.Where(char.IsAsciiLetter)).ToUpperInvariant())
            .Where(word => word.Length > 0)];
}
