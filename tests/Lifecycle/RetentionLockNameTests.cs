using Telemetry.Data.Lifecycle;

namespace Perf.Tests.Lifecycle;

/// <summary>The retention lock's name: within MySQL 8's 64 characters for any database name, and one per database.</summary>
public sealed class RetentionLockNameTests
{
    [Fact]
    public void LockName_ShortDatabase_IsTheDatabaseAndSuffixAsBefore()
    {
        Assert.Equal("telemetry_composite.telemetry_retention", RetentionJob.LockName("telemetry_composite"));
    }

    [Theory]
    [InlineData(44)]
    [InlineData(45)]
    [InlineData(64)]
    public void LockName_AnyDatabaseLength_FitsMySqlsLimit(int length)
    {
        var name = RetentionJob.LockName(new string('d', length));

        Assert.InRange(name.Length, 1, RetentionJob.MaxLockNameLength);
        Assert.EndsWith(".telemetry_retention", name, StringComparison.Ordinal);
    }

    [Fact]
    public void LockName_LongDatabasesSharingAPrefix_DifferAndAreStable()
    {
        var prefix = new string('p', 50);

        var first = RetentionJob.LockName(prefix + "_one");
        var second = RetentionJob.LockName(prefix + "_two");

        Assert.NotEqual(first, second);
        Assert.Equal(first, RetentionJob.LockName(prefix + "_one"));
        Assert.StartsWith(prefix[..20], first, StringComparison.Ordinal);
    }

    [Fact]
    public void LockName_CutAtASurrogatePair_KeepsThePairWhole()
    {
        // 26 ASCII characters, then a character outside the BMP whose pair straddles the cut.
        var name = RetentionJob.LockName(new string('a', 26) + "\U0001F600" + new string('b', 30));

        Assert.DoesNotContain(name, char.IsSurrogate);
        Assert.InRange(name.Length, 1, RetentionJob.MaxLockNameLength);
    }
}
