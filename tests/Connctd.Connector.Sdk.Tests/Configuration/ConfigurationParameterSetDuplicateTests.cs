using Connctd.Connector.Sdk.Configuration;
using Connctd.Connector.Sdk.Protocol;

namespace Connctd.Connector.Sdk.Tests.Configuration;

/// <summary>A parameter given twice is a violation whether it is declared or not, also in the set of a connector without a schema.</summary>
public sealed class ConfigurationParameterSetDuplicateTests
{
    [Fact]
    public void Validate_EmptySetParameterGivenTwice_ReportsDuplicateOnce()
    {
        IReadOnlyList<ConfigurationViolation> violations = ConfigurationParameterSet.Empty.Validate(
            [new("token", "secret-1"), new("token", "secret-2"), new("token", "secret-3"), new("other", "x")]);

        ConfigurationViolation violation = Assert.Single(violations);
        Assert.Equal(("token", ConfigurationViolationCodes.Duplicate), (violation.ParameterId, violation.Code));
        Assert.DoesNotContain("secret", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DeclaredAndUndeclaredDuplicates_DeclaredFirstThenUndeclaredInOrderOfAppearance()
    {
        var parameters = new ConfigurationParameterSet([ConfigurationParameter.Text("region", "Region")]);

        IReadOnlyList<ConfigurationViolation> violations = parameters.Validate(
            [new("zeta", "1"), new("alpha", "1"), new("alpha", "2"), new("region", "eu"), new("zeta", "2"), new("region", "us")]);

        Assert.Equal(["region", "alpha", "zeta"], violations.Select(violation => violation.ParameterId));
        Assert.All(violations, violation => Assert.Equal(ConfigurationViolationCodes.Duplicate, violation.Code));
    }

    [Fact]
    public void Validate_UndeclaredIdsDifferingInCase_AreDistinct()
    {
        Assert.Empty(ConfigurationParameterSet.Empty.Validate([new("key", "1"), new("Key", "2")]));
    }
}
