using Connctd.Connector.Sdk.Configuration;
using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.AspNetCore.Tests.Authoring;

/// <summary>Secret values are read on purpose only; every other accessor masks them. Without a schema nothing is masked.</summary>
public sealed class ConfigurationValuesTests
{
    private static readonly ConfigurationParameterSet Parameters = new(
        [ConfigurationParameter.Password("apiKey", "API key"), ConfigurationParameter.Text("region", "Region"), ConfigurationParameter.Number("port", "Port")]);

    private static readonly ConfigurationValue[] Given =
        [new("apiKey", "k-123"), new("region", "eu"), new("port", "8080"), new("undeclared", "x")];

    [Fact]
    public void Accessors_PasswordValue_MaskedEverywhereButGetSecret()
    {
        var values = new ConfigurationValues(Given, Parameters);

        Assert.Equal("k-123", values.GetSecret("apiKey"));
        Assert.True(values.TryGetSecret("apiKey", out string? secret));
        Assert.Equal("k-123", secret);
        Assert.True(values.IsSecret("apiKey"));
        Assert.False(values.IsSecret("region"));
        Assert.False(values.IsSecret("undeclared"));
        Assert.False(values.IsSecret("missing"));
        Assert.Equal("***", values["apiKey"]);
        Assert.Equal("***", values.GetString("apiKey"));
        Assert.True(values.TryGetValue("apiKey", out string? shown));
        Assert.Equal("***", shown);
        Assert.Equal(["***", "eu", "8080", "x"], values.Values);
        Assert.Equal(["apiKey", "region", "port", "undeclared"], values.Keys);
        Assert.Contains(new KeyValuePair<string, string>("apiKey", "***"), values);
        Assert.Equal(new ConfigurationValue("apiKey", "***"), values.ToList()[0]);
        Assert.Equal("ConfigurationValues[apiKey, region, port, undeclared]", values.ToString());
        Assert.True(values.TryGetNumber("port", out double port));
        Assert.Equal(8080, port);
        Assert.Equal("eu", values["region"]);
        Assert.Equal("x", values.GetSecret("undeclared"));
        Assert.True(values.ContainsKey("apiKey"));
        Assert.Equal(4, values.Count);
    }

    [Fact]
    public void WithoutASchema_NothingIsMasked()
    {
        var values = new ConfigurationValues(Given);

        Assert.Equal("k-123", values["apiKey"]);
        Assert.Equal("k-123", values.GetString("apiKey"));
        Assert.False(values.IsSecret("apiKey"));
        Assert.Equal("k-123", values.GetSecret("apiKey"));
    }

    [Fact]
    public void GetSecret_NotGiven_ThrowsKeyNotFoundNamingTheParameter()
    {
        var values = new ConfigurationValues(Given, Parameters);

        KeyNotFoundException failure = Assert.Throws<KeyNotFoundException>(() => values.GetSecret("password"));

        Assert.Contains("'password'", failure.Message, StringComparison.Ordinal);
        Assert.False(values.TryGetSecret("password", out _));
    }
}
