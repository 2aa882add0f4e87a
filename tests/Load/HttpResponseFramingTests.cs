using System.Text;
using Perf.Load.Execution;

namespace Perf.Tests.Load;

public sealed class HttpResponseFramingTests
{
    private const string Head = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n";

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(40)]
    [InlineData(44)]
    public void TryFrame_ContentLengthCutAnywhere_CompleteOnlyWithTheLastByte(int cut)
    {
        var response = Bytes(Head + "Content-Length: 5\r\n\r\nhello");

        var complete = HttpResponseFraming.TryFrame(response.AsSpan(0, Math.Min(cut, response.Length)), false, out _);

        Assert.False(complete);
        Assert.True(HttpResponseFraming.TryFrame(response, false, out var frame));
        Assert.Equal((200, 5L, response.Length, false), (frame.Status, frame.BodyBytes, frame.End, frame.Close));
    }

    [Fact]
    public void TryFrame_TwoResponsesInTheBuffer_EndsAtTheFirst()
    {
        var first = Head + "Content-Length: 2\r\n\r\nok";
        var data = Bytes(first + "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");

        Assert.True(HttpResponseFraming.TryFrame(data, false, out var frame));
        Assert.Equal(first.Length, frame.End);
        Assert.True(HttpResponseFraming.TryFrame(data.AsSpan(frame.End), false, out var second));
        Assert.Equal(404, second.Status);
    }

    [Fact]
    public void TryFrame_Chunked_WithExtensionAndTrailer_DeChunksTheBody()
    {
        var data = Bytes(Head + "Transfer-Encoding: chunked\r\n\r\n5;name=x\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: 1\r\n\r\n");

        Assert.False(HttpResponseFraming.TryFrame(data.AsSpan(0, data.Length - 2), false, out _));
        Assert.True(HttpResponseFraming.TryFrame(data, false, out var frame));
        Assert.Equal(data.Length, frame.End);
        Assert.Equal(12, frame.BodyBytes);
        var body = new byte[frame.BodyBytes];
        HttpResponseFraming.CopyBody(data, frame, body);
        Assert.Equal("hello, world", Encoding.ASCII.GetString(body));
    }

    [Fact]
    public void TryFrame_NoLengthNotChunked_EndsWithTheConnection()
    {
        var data = Bytes("HTTP/1.1 200 OK\r\n\r\nstreamed");

        Assert.False(HttpResponseFraming.TryFrame(data, false, out _));
        Assert.True(HttpResponseFraming.TryFrame(data, true, out var frame));
        Assert.Equal(8, frame.BodyBytes);
        Assert.True(frame.Close);
    }

    [Fact]
    public void TryFrame_NoContentAndConnectionClose_EmptyBodyAndNotReusable()
    {
        Assert.True(HttpResponseFraming.TryFrame(Bytes("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"), false, out var frame));

        Assert.Equal((204, 0L, true), (frame.Status, frame.BodyBytes, frame.Close));
    }

    [Theory]
    [InlineData("zz\r\nhello\r\n0\r\n\r\n")]
    [InlineData("5\r\nhelloXX0\r\n\r\n")]
    public void TryFrame_MalformedChunk_Throws(string chunks)
    {
        Assert.Throws<InvalidDataException>(() => HttpResponseFraming.TryFrame(Bytes(Head + "Transfer-Encoding: chunked\r\n\r\n" + chunks), false, out _));
    }

    private static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);
}
