using Connctd.Connector.Sdk.Things;

namespace Connctd.Connector.Sdk.Tests.Things;

public sealed class ThingValidationExceptionTests
{
    private static readonly ThingValidationError[] TwoErrors =
    [
        new("displayType", ThingValidationCodes.Required, "Set the display type."),
        new("components[0].id", ThingValidationCodes.InvalidId, "Fix the id."),
    ];

    [Fact]
    public void Constructor_Errors_KeepsThemAll()
    {
        var exception = new ThingValidationException(TwoErrors);

        Assert.Equal(TwoErrors, exception.Errors);
    }

    [Fact]
    public void Constructor_Errors_MessageListsEveryPathAndMessage()
    {
        var exception = new ThingValidationException(TwoErrors);

        Assert.All(TwoErrors, error => Assert.Contains(error.ToString(), exception.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_ErrorsListChangedLater_ErrorsUnchanged()
    {
        var errors = new List<ThingValidationError>(TwoErrors);
        var exception = new ThingValidationException(errors);

        errors.Clear();

        Assert.Equal(2, exception.Errors.Count);
    }

    [Fact]
    public void Constructor_NullErrors_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => new ThingValidationException((IReadOnlyList<ThingValidationError>)null!));
    }

    [Fact]
    public void StandardConstructors_NoErrors()
    {
        var inner = new InvalidOperationException();

        Assert.Empty(new ThingValidationException().Errors);
        Assert.Empty(new ThingValidationException("message").Errors);
        var withInner = new ThingValidationException("message", inner);
        Assert.Empty(withInner.Errors);
        Assert.Same(inner, withInner.InnerException);
    }

    [Fact]
    public void ErrorToString_PathColonMessage()
    {
        var error = new ThingValidationError("components[1].properties[0].id", ThingValidationCodes.DuplicateId, "Use another id.");

        Assert.Equal("components[1].properties[0].id: Use another id.", error.ToString());
    }
}
