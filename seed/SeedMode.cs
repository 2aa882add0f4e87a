namespace Perf.Seed;

/// <summary>What seeding does with what the variant databases already hold.</summary>
public enum SeedMode
{
    /// <summary>Keep the same dataset if present (resume it if interrupted); otherwise replace the tables' contents.</summary>
    Replace,

    /// <summary>Drop and recreate the variant databases first.</summary>
    Reset,

    /// <summary>Add the dataset after the rows already there (ids continue from the current maximum).</summary>
    Append,
}
