using MySqlConnector;
using Perf.Seed;
using Perf.Tests.Infrastructure;

namespace Perf.Tests.Seed;

/// <summary>Which server errors the seeder reports as a full disk, raised by the real server with the codes and texts it sends.</summary>
public sealed class DiskBudgetServerTests(DatabaseServerFixture fixture)
{
    [Theory]
    [InlineData(1296, "Got error 59 'Temp file write failure' from InnoDB", true)]
    [InlineData(1030, "Got error 28 \"No space left on device\" from storage engine InnoDB", true)]
    [InlineData(1114, "The table 'dd_trades' is full", true)]
    [InlineData(1878, "Temporary file write failure", true)]
    [InlineData(1005, "Can't create table `d`.`t` (errno: 28 \"No space left on device\")", true)]
    [InlineData(1296, "Got error 1 'Operation not permitted' from InnoDB", false)]
    [InlineData(1146, "Table 'x.y' doesn't exist", false)]
    public async Task IsOutOfSpace_ServerErrors_OnlyFullDiskOnes(int number, string message, bool expected)
    {
        await using var connection = new MySqlConnection(fixture.RequireServer().AdminConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new MySqlCommand($"SIGNAL SQLSTATE 'HY000' SET MYSQL_ERRNO = {number}, MESSAGE_TEXT = @message", connection);
        command.Parameters.AddWithValue("@message", message);

        var error = await Assert.ThrowsAsync<MySqlException>(() => command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));

        Assert.Equal(number, error.Number);
        Assert.Equal(expected, DiskBudget.IsOutOfSpace(error));
    }
}
