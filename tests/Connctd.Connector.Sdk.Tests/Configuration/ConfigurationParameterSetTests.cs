using Connctd.Connector.Sdk.Configuration;
using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.Tests.Configuration;

public sealed class ConfigurationParameterSetTests
{
    private const string SecretValue = "s3cr3t-PASSWORD-value";

    private static readonly ConfigurationParameterSet Parameters = new(
    [
        ConfigurationParameter.Password("apiKey", "API key") with { Required = true, ValidationExpression = "^[A-Za-z0-9-]+$" },
        ConfigurationParameter.Number("port", "Port"),
        ConfigurationParameter.Boolean("tls", "Use TLS"),
        ConfigurationParameter.Text("region", "Region") with { ValidationExpression = "^(eu|us)-[a-z]+$" },
    ]);

    private static IReadOnlyList<ConfigurationViolation> Validate(params (string Id, string Value)[] values) =>
        Parameters.Validate(values.Select(value => new ConfigurationValue(value.Id, value.Value)).ToArray());

    [Fact]
    public void Validate_AllValid_ReturnsNoViolation()
    {
        Assert.Empty(Validate(("apiKey", "abc-123"), ("port", "8080"), ("tls", "true"), ("region", "eu-west")));
    }

    [Fact]
    public void Validate_RequiredMissing_ReportsRequired()
    {
        ConfigurationViolation violation = Assert.Single(Validate(("port", "1")));

        Assert.Equal("apiKey", violation.ParameterId);
        Assert.Equal(ConfigurationViolationCodes.Required, violation.Code);
    }

    [Fact]
    public void Validate_RequiredEmpty_ReportsRequired()
    {
        ConfigurationViolation violation = Assert.Single(Validate(("apiKey", "")));

        Assert.Equal(ConfigurationViolationCodes.Required, violation.Code);
    }

    [Fact]
    public void Validate_OptionalEmpty_IsAccepted()
    {
        Assert.Empty(Validate(("apiKey", "k"), ("port", ""), ("tls", ""), ("region", "")));
    }

    [Theory]
    [InlineData("42")]
    [InlineData("-1.5")]
    [InlineData("2e3")]
    [InlineData("0.25")]
    public void Validate_Number_IsAccepted(string value)
    {
        Assert.Empty(Validate(("apiKey", "k"), ("port", value)));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1,5")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e999")]
    public void Validate_NotANumber_ReportsInvalidNumber(string value)
    {
        ConfigurationViolation violation = Assert.Single(Validate(("apiKey", "k"), ("port", value)));

        Assert.Equal(("port", ConfigurationViolationCodes.InvalidNumber), (violation.ParameterId, violation.Code));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("False")]
    [InlineData("TRUE")]
    public void Validate_Boolean_IsAccepted(string value)
    {
        Assert.Empty(Validate(("apiKey", "k"), ("tls", value)));
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    [InlineData("t")]
    public void Validate_NotABoolean_ReportsInvalidBoolean(string value)
    {
        ConfigurationViolation violation = Assert.Single(Validate(("apiKey", "k"), ("tls", value)));

        Assert.Equal(("tls", ConfigurationViolationCodes.InvalidBoolean), (violation.ParameterId, violation.Code));
    }

    [Fact]
    public void Validate_ExpressionMismatch_ReportsMismatchWithoutTheValue()
    {
        ConfigurationViolation violation = Assert.Single(Validate(("apiKey", SecretValue + " !")));

        Assert.Equal(("apiKey", ConfigurationViolationCodes.ExpressionMismatch), (violation.ParameterId, violation.Code));
        Assert.DoesNotContain(SecretValue, violation.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretValue, violation.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ExpressionIsSearched_UnanchoredPatternMatchesInside()
    {
        var parameters = new ConfigurationParameterSet([ConfigurationParameter.Text("host", "Host") with { ValidationExpression = "example" }]);

        Assert.Empty(parameters.Validate([new ConfigurationValue("host", "api.example.com")]));
    }

    [Fact]
    public void Validate_CatastrophicExpression_ReportsTimeout()
    {
        var parameters = new ConfigurationParameterSet([ConfigurationParameter.Text("x", "X") with { ValidationExpression = "^(a|aa)+$" }]);

        ConfigurationViolation violation = Assert.Single(parameters.Validate([new ConfigurationValue("x", new string('a', 60) + "b")]));

        Assert.Equal(ConfigurationViolationCodes.ExpressionTimeout, violation.Code);
    }

    [Fact]
    public void Validate_Duplicate_ReportsDuplicate()
    {
        ConfigurationViolation violation = Assert.Single(Validate(("apiKey", "a"), ("apiKey", "b")));

        Assert.Equal(("apiKey", ConfigurationViolationCodes.Duplicate), (violation.ParameterId, violation.Code));
    }

    [Fact]
    public void Validate_UnknownParameter_IsIgnored()
    {
        Assert.Empty(Validate(("apiKey", "k"), ("somethingElse", "v")));
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEachInDeclarationOrder()
    {
        IReadOnlyList<ConfigurationViolation> violations = Validate(("region", "asia"), ("tls", "maybe"), ("port", "x"));

        Assert.Equal(
            [("apiKey", ConfigurationViolationCodes.Required), ("port", ConfigurationViolationCodes.InvalidNumber), ("tls", ConfigurationViolationCodes.InvalidBoolean), ("region", ConfigurationViolationCodes.ExpressionMismatch)],
            violations.Select(violation => (violation.ParameterId, violation.Code)));
    }

    [Fact]
    public void Constructor_DuplicateIds_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ConfigurationParameterSet([ConfigurationParameter.Text("a", "A"), ConfigurationParameter.Number("a", "A again")]));
    }

    [Fact]
    public void Constructor_ExpressionThatDoesNotCompile_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ConfigurationParameterSet([ConfigurationParameter.Text("a", "A") with { ValidationExpression = "([a-z" }]));
    }

    [Theory]
    [InlineData("", "Name", ConfigurationValueType.String, ConfigurationDisplayType.Plain)]
    [InlineData("id", "", ConfigurationValueType.String, ConfigurationDisplayType.Plain)]
    [InlineData("id", "Name", ConfigurationValueType.Unknown, ConfigurationDisplayType.Plain)]
    [InlineData("id", "Name", ConfigurationValueType.String, ConfigurationDisplayType.Unknown)]
    public void Constructor_InvalidDeclaration_Throws(string id, string name, ConfigurationValueType valueType, ConfigurationDisplayType displayType)
    {
        Assert.Throws<ArgumentException>(() => new ConfigurationParameterSet([new ConfigurationParameter(id, name, valueType) { DisplayType = displayType }]));
    }

    [Fact]
    public void Describe_PasswordAndUndeclared_AreMasked()
    {
        string text = Parameters.Describe([new("apiKey", SecretValue), new("region", "eu-west"), new("undeclared", "maybe-secret")]);

        Assert.Equal("apiKey=***, region=eu-west, undeclared=***", text);
    }

    [Fact]
    public void MaskValues_PasswordMasked_PlainKept()
    {
        IReadOnlyList<ConfigurationValue> masked = Parameters.MaskValues([new("apiKey", SecretValue), new("port", "80")]);

        Assert.Equal([new ConfigurationValue("apiKey", ConfigurationParameterSet.Mask), new ConfigurationValue("port", "80")], masked);
    }

    [Theory]
    [InlineData("apiKey", true)]
    [InlineData("port", false)]
    [InlineData("nope", true)]
    public void IsSecret_ByDisplayType_UndeclaredIsSecret(string id, bool expected)
    {
        Assert.Equal(expected, Parameters.IsSecret(id));
    }

    [Fact]
    public void Schema_InstallationAndInstance_AreSeparateSets()
    {
        var schema = new ConnectorConfigurationSchema(
            installation: [ConfigurationParameter.Password("apiKey", "API key") with { Required = true }],
            instance: [ConfigurationParameter.Text("room", "Room") with { Required = true }]);

        Assert.Equal("apiKey", Assert.Single(schema.Installation.Validate([])).ParameterId);
        Assert.Equal("room", Assert.Single(schema.Instance.Validate([])).ParameterId);
        Assert.Same(ConfigurationParameterSet.Empty, ConnectorConfigurationSchema.Empty.Installation);
    }
}
