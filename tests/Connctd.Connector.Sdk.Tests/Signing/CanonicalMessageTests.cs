using System.Text;
using Connctd.Connector.Sdk.Signing;

namespace Connctd.Connector.Sdk.Tests.Signing;

public class CanonicalMessageTests
{
    private const string Date = "Wed, 07 Oct 2020 10:00:00 GMT";

    [Fact]
    public void Build_ProtocolKnownAnswer_ExactBytes()
    {
        var message = CanonicalMessage.Build("GET", "https", "foo.com:8080", "/bar?hello=world", Date, "{\"hello\":\"world\"}"u8);

        var expected = "(method):GET\r\n(url):https://foo.com:8080/bar?hello=world\r\n(Date):Wed, 07 Oct 2020 10:00:00 GMT\r\n(body):{\"hello\":\"world\"}"u8;
        Assert.Equal(expected.ToArray(), message);
    }

    [Fact]
    public void Build_NoBody_EndsWithBodyLabel()
    {
        var message = CanonicalMessage.Build("GET", "https", "foo.com:8080", "/bar?hello=world", Date, []);

        var expected = "(method):GET\r\n(url):https://foo.com:8080/bar?hello=world\r\n(Date):Wed, 07 Oct 2020 10:00:00 GMT\r\n(body):"u8;
        Assert.Equal(expected.ToArray(), message);
    }

    [Fact]
    public void Build_LowerCaseMethod_UsedAsGiven()
    {
        var message = CanonicalMessage.Build("get", "https", "h", "/", Date, []);

        Assert.StartsWith("(method):get\r\n", Encoding.UTF8.GetString(message), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NonAsciiTextAndBinaryBody_Utf8TextAndVerbatimBody()
    {
        byte[] body = [0xFF, 0x00, 0xC3, 0x28, 0x0D, 0x0A];

        var message = CanonicalMessage.Build("POST", "https", "bücher.example", "/ä?x=€", Date, body);

        var expected = Encoding.UTF8.GetBytes($"(method):POST\r\n(url):https://bücher.example/ä?x=€\r\n(Date):{Date}\r\n(body):")
            .Concat(body).ToArray();
        Assert.Equal(expected, message);
    }

    [Fact]
    public void GetByteCount_AnyInput_EqualsBuildLength()
    {
        var body = "{\"a\":\"€\"}"u8;

        var count = CanonicalMessage.GetByteCount("POST", "https", "höst:1", "/x", Date, body);

        Assert.Equal(CanonicalMessage.Build("POST", "https", "höst:1", "/x", Date, body).Length, count);
    }

    [Fact]
    public void Write_LargeEnoughDestination_WritesBuildBytes()
    {
        var body = "{\"hello\":\"world\"}"u8;
        var destination = new byte[500];
        destination.AsSpan().Fill(0xAA);

        var written = CanonicalMessage.Write("GET", "https", "foo.com:8080", "/bar?hello=world", Date, body, destination);

        var expected = CanonicalMessage.Build("GET", "https", "foo.com:8080", "/bar?hello=world", Date, body);
        Assert.Equal(expected.Length, written);
        Assert.Equal(expected, destination[..written]);
        Assert.All(destination[written..], b => Assert.Equal(0xAA, b));
    }

    [Fact]
    public void Write_DestinationOneByteShort_ThrowsArgumentException()
    {
        var count = CanonicalMessage.GetByteCount("GET", "https", "h", "/", Date, "x"u8);
        var destination = new byte[count - 1];

        Assert.Throws<ArgumentException>(() => CanonicalMessage.Write("GET", "https", "h", "/", Date, "x"u8, destination));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Build_NullTextPart_ThrowsArgumentNullException(int nullIndex)
    {
        string[] parts = ["GET", "https", "h", "/", Date];
        parts[nullIndex] = null!;

        Assert.Throws<ArgumentNullException>(() => CanonicalMessage.Build(parts[0], parts[1], parts[2], parts[3], parts[4], []));
    }
}
