using Connctd.Connector.Sdk.Configuration;

namespace Connctd.Connector.Sdk.Tests.Configuration;

public sealed class ConnectorManifestTests
{
    private static ConnectorManifest Valid() => new()
    {
        Name = "Lamp hub",
        Description = "Lamps of the ACME hub",
        Mode = PublicationMode.Unlisted,
        Tags = ["light"],
        InstallationCallbackUrl = new Uri("https://lamps.example.com/connctd/installations"),
        InstanceCallbackUrl = new Uri("https://lamps.example.com/connctd/instances"),
        ActionCallbackUrl = new Uri("https://lamps.example.com/connctd/actions"),
    };

    [Fact]
    public void ToManifest_Schema_SetsBothParameterLists()
    {
        var schema = new ConnectorConfigurationSchema(
            installation: [ConfigurationParameter.Password("apiKey", "API key") with { Required = true }],
            instance: [ConfigurationParameter.Number("room", "Room")]);

        ConnectorManifest manifest = schema.ToManifest(Valid());

        Assert.Equal("apiKey", Assert.Single(manifest.ConfigurationParameters).Id);
        Assert.Equal(ConfigurationDisplayType.Password, manifest.ConfigurationParameters[0].DisplayType);
        Assert.Equal("room", Assert.Single(manifest.CustomerConfigurationParameters).Id);
        Assert.Empty(manifest.Validate());
    }

    [Fact]
    public void Parse_ToJson_RoundTrips()
    {
        ConnectorManifest manifest = new ConnectorConfigurationSchema(
            installation: [ConfigurationParameter.Password("apiKey", "API key") with { Required = true, ValidationExpression = "^.+$", Description = "d" }],
            instance: [ConfigurationParameter.Boolean("dim", "Dimmable")]).ToManifest(Valid() with { LogoUrl = new Uri("https://example.com/logo.png") });

        string json = manifest.ToJson();
        ConnectorManifest read = ConnectorManifest.Parse(json);

        Assert.Equal(json, read.ToJson());
        Assert.Equal(PublicationMode.Unlisted, read.Mode);
        Assert.Equal(ConfigurationValueType.Boolean, read.CustomerConfigurationParameters[0].ValueType);
        Assert.Equal(manifest.ConfigurationParameters[0], read.ConfigurationParameters[0]);
        Assert.Contains("\"displayType\": \"PASSWORD\"", json, StringComparison.Ordinal);
        Assert.Contains("\"mode\": \"UNLISTED\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DocumentedExample_ReadsEveryField()
    {
        ConnectorManifest manifest = ConnectorManifest.Parse("""
            {
              // comments are allowed
              "name": "Lamp hub", "description": "Lamps", "requirements": "A hub", "mode": "PUBLIC", "tags": ["light", "acme"],
              "homeUrl": "https://example.com",
              "installationCallbackUrl": "https://l.example.com/i", "instanceCallbackUrl": "https://l.example.com/n", "actionCallbackUrl": "https://l.example.com/a",
              "configurationParameters": [{"id": "apiKey", "name": "API key", "required": true, "valueType": "STRING", "displayType": "PASSWORD", "validationExpression": ""}],
              "customerConfigurationParameters": [{"id": "room", "name": "Room", "valueType": "NUMBER"}],
            }
            """);

        Assert.Equal(("Lamp hub", "A hub", PublicationMode.Public), (manifest.Name, manifest.Requirements, manifest.Mode));
        Assert.Equal(["light", "acme"], manifest.Tags);
        Assert.True(manifest.ConfigurationParameters[0].Required);
        Assert.Equal(ConfigurationDisplayType.Plain, manifest.CustomerConfigurationParameters[0].DisplayType);
        Assert.Empty(manifest.Validate());
        Assert.Equal("apiKey", Assert.Single(manifest.GetSchema().Installation).Id);
    }

    [Theory]
    [InlineData("""{"name":"x","installationCallbackURL":"https://a"}""")]
    [InlineData("""{"name":"x","name":"y"}""")]
    [InlineData("""{"name":null}""")]
    [InlineData("""[]""")]
    [InlineData("""null""")]
    [InlineData("""{"name":""")]
    public void Parse_NotAManifest_ThrowsFormatException(string json)
    {
        Assert.Throws<FormatException>(() => ConnectorManifest.Parse(json));
    }

    [Fact]
    public void Validate_Empty_ReportsEveryRequiredField()
    {
        IReadOnlyList<ManifestProblem> problems = new ConnectorManifest().Validate();

        Assert.Equal(
            ["name", "description", "installationCallbackUrl", "instanceCallbackUrl", "actionCallbackUrl"],
            problems.Where(problem => problem.Code == ManifestProblemCodes.Required).Select(problem => problem.Path));
    }

    [Fact]
    public void Validate_HttpCallback_ReportsNotHttps()
    {
        ManifestProblem problem = Assert.Single((Valid() with { ActionCallbackUrl = new Uri("http://lamps.example.com/actions") }).Validate());

        Assert.Equal(("actionCallbackUrl", ManifestProblemCodes.NotHttps), (problem.Path, problem.Code));
    }

    [Fact]
    public void Validate_RelativeCallback_ReportsInvalid()
    {
        ManifestProblem problem = Assert.Single((Valid() with { InstanceCallbackUrl = new Uri("/instances", UriKind.Relative) }).Validate());

        Assert.Equal(("instanceCallbackUrl", ManifestProblemCodes.Invalid), (problem.Path, problem.Code));
    }

    [Fact]
    public void Validate_BadParameters_ReportsEachWithItsPath()
    {
        ConnectorManifest manifest = Valid() with
        {
            Mode = PublicationMode.Unknown,
            ConfigurationParameters = [ConfigurationParameter.Text("a", "A"), ConfigurationParameter.Text("a", "") with { ValidationExpression = "(" }],
            CustomerConfigurationParameters = [new ConfigurationParameter("b", "B", ConfigurationValueType.Unknown)],
        };

        Assert.Equal(
            [
                ("mode", ManifestProblemCodes.Invalid),
                ("configurationParameters[1].id", ManifestProblemCodes.Duplicate),
                ("configurationParameters[1].name", ManifestProblemCodes.Required),
                ("configurationParameters[1].validationExpression", ManifestProblemCodes.Invalid),
                ("customerConfigurationParameters[0].valueType", ManifestProblemCodes.Invalid),
            ],
            manifest.Validate().Select(problem => (problem.Path, problem.Code)));
    }

    [Fact]
    public void Parse_Minimal_KeepsDefaults()
    {
        ConnectorManifest manifest = ConnectorManifest.Parse("""
            {"name": "n", "description": "d", "installationCallbackUrl": "https://a.example/i", "instanceCallbackUrl": "https://a.example/n", "actionCallbackUrl": "https://a.example/a"}
            """);

        Assert.Equal(PublicationMode.Private, manifest.Mode);
        Assert.Empty(manifest.Tags);
        Assert.Empty(manifest.ConfigurationParameters);
        Assert.Equal("", manifest.Requirements);
        Assert.Empty(manifest.Validate());
    }
}
