using System.Text.Json;
using Connctd.Connector.Sdk.Serialization;
using Connctd.Connector.Sdk.Things;

namespace Connctd.Connector.Sdk.Tests.Things;

public sealed class ThingValidatorTests
{
    private const string LoneHigh = "a\uD800b";

    // Theory data travels through xunit's serialization, which cannot carry lone surrogates: tests pick broken
    // texts from here by index.
    private static readonly string[] Broken = [LoneHigh, "\uDC00", "core.LIGHT\uD83D", "\uDC00\uD800", "lamp\uD800"];

    /// <summary>The example thing of PROTOCOL.md, written out by hand.</summary>
    internal static Thing ProtocolExample() => new()
    {
        Name = "Lamp",
        Manufacturer = "ACME",
        DisplayType = "core.LIGHT",
        MainComponentId = "lamp",
        Status = ThingStatus.Available,
        Attributes = [new ThingAttribute("serial", "42")],
        Components =
        [
            new Component
            {
                Id = "lamp",
                Name = "Lamp",
                ComponentType = "core.Lamp",
                Capabilities = ["core.SWITCHABLE"],
                Properties =
                [
                    new ThingProperty
                    {
                        Id = "on",
                        Name = "on",
                        Value = "false",
                        Unit = "",
                        Type = PropertyValueType.Boolean,
                        LastUpdate = new DateTimeOffset(2020, 10, 7, 10, 0, 0, TimeSpan.Zero),
                        PropertyType = "core.ONOFF",
                    },
                ],
                Actions = [new ThingAction { Id = "setOn", Name = "setOn", Parameters = [new ActionParameter("on", PropertyValueType.Boolean)] }],
            },
        ],
    };

    private static Component Lamp => ProtocolExample().Components[0];

    private static ThingProperty On => Lamp.Properties[0];

    private static ThingAction SetOn => Lamp.Actions[0];

    private static Thing WithLamp(Component component) => ProtocolExample() with { Components = [component], MainComponentId = component.Id };

    private static Thing WithProperties(params ThingProperty[] properties) => WithLamp(Lamp with { Properties = properties });

    private static Thing WithActions(params ThingAction[] actions) => WithLamp(Lamp with { Actions = actions });

    private static Thing WithParameters(params ActionParameter[] parameters) => WithActions(SetOn with { Parameters = parameters });

    private static (string Path, string Code)[] Problems(Thing thing) =>
        [.. ThingValidator.Validate(thing).Select(error => (error.Path, error.Code))];

    private static void AssertSingle(Thing thing, string path, string code) =>
        Assert.Equal([(path, code)], Problems(thing));

    [Fact]
    public void Validate_ProtocolExample_NoErrors()
    {
        Assert.Empty(ThingValidator.Validate(ProtocolExample()));
    }

    [Fact]
    public void Validate_NullThing_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => ThingValidator.Validate(null!));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Validate_DisplayTypeEmpty_Required(string? displayType)
    {
        AssertSingle(ProtocolExample() with { DisplayType = displayType! }, "displayType", ThingValidationCodes.Required);
    }

    [Fact]
    public void Validate_NoComponents_NoComponentsAndUnknownMainComponent()
    {
        Assert.Equal(
            [("mainComponentId", ThingValidationCodes.UnknownMainComponent), ("components", ThingValidationCodes.NoComponents)],
            Problems(ProtocolExample() with { Components = [] }));
    }

    [Fact]
    public void Validate_ComponentsNull_NoComponents()
    {
        Assert.Equal(
            [("mainComponentId", ThingValidationCodes.UnknownMainComponent), ("components", ThingValidationCodes.NoComponents)],
            Problems(ProtocolExample() with { Components = null! }));
    }

    [Fact]
    public void Validate_NullComponent_RequiredAtItsIndex()
    {
        AssertSingle(ProtocolExample() with { Components = [Lamp, null!] }, "components[1]", ThingValidationCodes.Required);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Validate_MainComponentIdEmpty_Required(string? mainComponentId)
    {
        AssertSingle(ProtocolExample() with { MainComponentId = mainComponentId! }, "mainComponentId", ThingValidationCodes.Required);
    }

    [Theory]
    [InlineData("lamp2")]
    [InlineData("Lamp")]
    [InlineData("lamp ")]
    public void Validate_MainComponentIdNotAComponent_UnknownMainComponent(string mainComponentId)
    {
        AssertSingle(ProtocolExample() with { MainComponentId = mainComponentId }, "mainComponentId", ThingValidationCodes.UnknownMainComponent);
    }

    [Fact]
    public void Validate_MainComponentIsSecondComponent_NoErrors()
    {
        Thing thing = ProtocolExample() with { Components = [Lamp, Lamp with { Id = "dimmer" }], MainComponentId = "dimmer" };

        Assert.Empty(ThingValidator.Validate(thing));
    }

    public static TheoryData<string> ValidIds => new()
    {
        "a",
        "Z",
        "0",
        "-",
        "_",
        "lamp-1_A",
        "ABCdef0123456789-_",
        new string('x', 200),
    };

    public static TheoryData<string> InvalidIds => new()
    {
        "abc\n",
        "abc\r\n",
        "\nabc",
        "la mp",
        "lamp.on",
        "lamp/on",
        "lämp",
        "lamp\u212A",
        "ｌａｍｐ",
        "lamp💡",
        "a\0",
        new string('x', 201),
    };

    [Theory]
    [MemberData(nameof(ValidIds))]
    public void Validate_ValidComponentId_NoErrors(string id)
    {
        Assert.Empty(ThingValidator.Validate(WithLamp(Lamp with { Id = id })));
    }

    [Theory]
    [MemberData(nameof(InvalidIds))]
    public void Validate_InvalidComponentId_InvalidId(string id)
    {
        AssertSingle(WithLamp(Lamp with { Id = id }), "components[0].id", ThingValidationCodes.InvalidId);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Validate_ComponentIdEmpty_Required(string? id)
    {
        Thing thing = ProtocolExample() with { Components = [Lamp, Lamp with { Id = id! }] };

        AssertSingle(thing, "components[1].id", ThingValidationCodes.Required);
    }

    [Theory]
    [MemberData(nameof(ValidIds))]
    public void Validate_ValidPropertyId_NoErrors(string id)
    {
        Assert.Empty(ThingValidator.Validate(WithProperties(On with { Id = id })));
    }

    [Theory]
    [MemberData(nameof(InvalidIds))]
    public void Validate_InvalidPropertyId_InvalidId(string id)
    {
        AssertSingle(WithProperties(On with { Id = "ok" }, On with { Id = id }), "components[0].properties[1].id", ThingValidationCodes.InvalidId);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Validate_PropertyIdEmpty_Required(string? id)
    {
        AssertSingle(WithProperties(On with { Id = id! }), "components[0].properties[0].id", ThingValidationCodes.Required);
    }

    [Theory]
    [MemberData(nameof(ValidIds))]
    public void Validate_ValidActionId_NoErrors(string id)
    {
        Assert.Empty(ThingValidator.Validate(WithActions(SetOn with { Id = id })));
    }

    [Theory]
    [MemberData(nameof(InvalidIds))]
    public void Validate_InvalidActionId_InvalidId(string id)
    {
        AssertSingle(WithActions(SetOn with { Id = "a1" }, SetOn with { Id = "a2" }, SetOn with { Id = id }), "components[0].actions[2].id", ThingValidationCodes.InvalidId);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Validate_ActionIdEmpty_Required(string? id)
    {
        AssertSingle(WithActions(SetOn with { Id = id! }), "components[0].actions[0].id", ThingValidationCodes.Required);
    }

    [Theory]
    [InlineData("lamp")]
    [InlineData("LAMP")]
    [InlineData("Lamp")]
    public void Validate_DuplicateComponentIdIgnoringCase_DuplicateIdAtRepetition(string secondId)
    {
        Thing thing = ProtocolExample() with { Components = [Lamp, Lamp with { Id = "other" }, Lamp with { Id = secondId }] };

        AssertSingle(thing, "components[2].id", ThingValidationCodes.DuplicateId);
    }

    [Theory]
    [InlineData("on")]
    [InlineData("ON")]
    public void Validate_DuplicatePropertyIdIgnoringCase_DuplicateIdAtRepetition(string secondId)
    {
        AssertSingle(WithProperties(On, On with { Id = secondId }), "components[0].properties[1].id", ThingValidationCodes.DuplicateId);
    }

    [Theory]
    [InlineData("setOn")]
    [InlineData("SETON")]
    public void Validate_DuplicateActionIdIgnoringCase_DuplicateIdAtRepetition(string thirdId)
    {
        AssertSingle(WithActions(SetOn, SetOn with { Id = "toggle" }, SetOn with { Id = thirdId }), "components[0].actions[2].id", ThingValidationCodes.DuplicateId);
    }

    [Fact]
    public void Validate_IdUsedThreeTimes_DuplicateIdAtEachRepetition()
    {
        Assert.Equal(
            [("components[0].properties[1].id", ThingValidationCodes.DuplicateId), ("components[0].properties[2].id", ThingValidationCodes.DuplicateId)],
            Problems(WithProperties(On, On, On with { Id = "On" })));
    }

    [Fact]
    public void Validate_SameIdForPropertyAndAction_NoErrors()
    {
        Assert.Empty(ThingValidator.Validate(WithActions(SetOn with { Id = "on" })));
    }

    [Fact]
    public void Validate_SamePropertyAndActionIdsInTwoComponents_NoErrors()
    {
        Thing thing = ProtocolExample() with { Components = [Lamp, Lamp with { Id = "lamp2" }] };

        Assert.Empty(ThingValidator.Validate(thing));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Validate_ComponentTypeEmpty_Required(string? componentType)
    {
        AssertSingle(WithLamp(Lamp with { ComponentType = componentType! }), "components[0].componentType", ThingValidationCodes.Required);
    }

    [Fact]
    public void Validate_ComponentWithoutPropertiesAndActions_EmptyComponent()
    {
        Thing thing = ProtocolExample() with { Components = [Lamp, Lamp with { Id = "empty", Properties = [], Actions = [] }] };

        AssertSingle(thing, "components[1]", ThingValidationCodes.EmptyComponent);
    }

    [Fact]
    public void Validate_ComponentWithNullLists_ListsReadAsEmptySoOnlyEmptyComponent()
    {
        Component component = Lamp with { Properties = null!, Actions = null!, Capabilities = null! };

        Assert.Empty(component.Capabilities);
        Assert.Equal(
            [("components[0]", ThingValidationCodes.EmptyComponent)],
            Problems(WithLamp(component)));
    }

    [Fact]
    public void Validate_ComponentWithOnlyProperties_NoErrors()
    {
        Assert.Empty(ThingValidator.Validate(WithLamp(Lamp with { Actions = [] })));
    }

    [Fact]
    public void Validate_ComponentWithOnlyActions_NoErrors()
    {
        Assert.Empty(ThingValidator.Validate(WithLamp(Lamp with { Properties = [] })));
    }

    [Fact]
    public void Validate_NullPropertyActionAndParameter_RequiredAtTheirIndex()
    {
        Thing thing = WithLamp(Lamp with { Properties = [On, null!], Actions = [null!, SetOn with { Id = "x", Parameters = [null!] }] });

        Assert.Equal(
            [
                ("components[0].properties[1]", ThingValidationCodes.Required),
                ("components[0].actions[0]", ThingValidationCodes.Required),
                ("components[0].actions[1].parameters[0]", ThingValidationCodes.Required),
            ],
            Problems(thing));
    }

    [Theory]
    [InlineData(PropertyValueType.Unknown)]
    [InlineData((PropertyValueType)42)]
    public void Validate_PropertyTypeNotKnown_InvalidType(PropertyValueType type)
    {
        AssertSingle(WithProperties(On with { Type = type }), "components[0].properties[0].type", ThingValidationCodes.InvalidType);
    }

    [Theory]
    [InlineData(PropertyValueType.Unknown)]
    [InlineData((PropertyValueType)42)]
    public void Validate_ParameterTypeNotKnown_InvalidType(PropertyValueType type)
    {
        AssertSingle(WithParameters(new ActionParameter("on", type)), "components[0].actions[0].parameters[0].type", ThingValidationCodes.InvalidType);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Validate_ParameterNameEmpty_Required(string? name)
    {
        AssertSingle(WithParameters(new ActionParameter("on", PropertyValueType.Boolean), new ActionParameter(name!, PropertyValueType.String)), "components[0].actions[0].parameters[1].name", ThingValidationCodes.Required);
    }

    [Theory]
    [InlineData("level")]
    [InlineData("LEVEL")]
    public void Validate_DuplicateParameterNameIgnoringCase_DuplicateName(string secondName)
    {
        Thing thing = WithParameters(new ActionParameter("level", PropertyValueType.Number), new ActionParameter(secondName, PropertyValueType.String));

        AssertSingle(thing, "components[0].actions[0].parameters[1].name", ThingValidationCodes.DuplicateName);
    }

    [Fact]
    public void Validate_SameParameterNameInTwoActions_NoErrors()
    {
        Assert.Empty(ThingValidator.Validate(WithActions(SetOn, SetOn with { Id = "setOff" })));
    }

    [Fact]
    public void Validate_ActionWithoutParameters_NoErrors()
    {
        Assert.Empty(ThingValidator.Validate(WithActions(SetOn with { Parameters = [] })));
    }

    [Fact]
    public void Validate_ActionParametersNull_ReadAsEmptyNoErrors()
    {
        ThingAction toggle = SetOn with { Id = "toggle", Parameters = null! };

        Assert.Empty(toggle.Parameters);
        Assert.Empty(ThingValidator.Validate(WithActions(SetOn, toggle)));
    }

    [Theory]
    [InlineData(PropertyValueType.Boolean, "true")]
    [InlineData(PropertyValueType.Boolean, "false")]
    [InlineData(PropertyValueType.Boolean, "")]
    [InlineData(PropertyValueType.Number, "42")]
    [InlineData(PropertyValueType.Number, "-1.5")]
    [InlineData(PropertyValueType.Number, "+3")]
    [InlineData(PropertyValueType.Number, "2e3")]
    [InlineData(PropertyValueType.Number, "1E-7")]
    [InlineData(PropertyValueType.Number, "0.0")]
    [InlineData(PropertyValueType.Number, "")]
    [InlineData(PropertyValueType.String, "anything, even 1,5 or True")]
    [InlineData(PropertyValueType.String, "")]
    public void Validate_ValueMatchingType_NoErrors(PropertyValueType type, string? value)
    {
        Assert.Empty(ThingValidator.Validate(WithProperties(On with { Type = type, Value = value! })));
    }

    [Theory]
    [InlineData(PropertyValueType.Boolean, "True")]
    [InlineData(PropertyValueType.Boolean, "FALSE")]
    [InlineData(PropertyValueType.Boolean, "1")]
    [InlineData(PropertyValueType.Boolean, "yes")]
    [InlineData(PropertyValueType.Boolean, " true")]
    [InlineData(PropertyValueType.Boolean, "true\n")]
    [InlineData(PropertyValueType.Number, "1,5")]
    [InlineData(PropertyValueType.Number, "1.000,5")]
    [InlineData(PropertyValueType.Number, "abc")]
    [InlineData(PropertyValueType.Number, " 42")]
    [InlineData(PropertyValueType.Number, "42 ")]
    [InlineData(PropertyValueType.Number, "0x10")]
    [InlineData(PropertyValueType.Number, "1,000")]
    [InlineData(PropertyValueType.Number, "NaN")]
    [InlineData(PropertyValueType.Number, "Infinity")]
    [InlineData(PropertyValueType.Number, "-Infinity")]
    [InlineData(PropertyValueType.Number, "1e400")]
    [InlineData(PropertyValueType.Number, "true")]
    public void Validate_ValueNotMatchingType_InvalidValue(PropertyValueType type, string value)
    {
        AssertSingle(WithProperties(On with { Type = type, Value = value }), "components[0].properties[0].value", ThingValidationCodes.InvalidValue);
    }

    [Fact]
    public void Validate_ValueWithUnknownType_OnlyInvalidType()
    {
        AssertSingle(WithProperties(On with { Type = PropertyValueType.Unknown, Value = "whatever" }), "components[0].properties[0].type", ThingValidationCodes.InvalidType);
    }

    [Theory]
    [InlineData(ThingStatus.Available)]
    [InlineData(ThingStatus.Unavailable)]
    public void Validate_KnownStatus_NoErrors(ThingStatus status)
    {
        Assert.Empty(ThingValidator.Validate(ProtocolExample() with { Status = status }));
    }

    [Theory]
    [InlineData(ThingStatus.Unknown)]
    [InlineData((ThingStatus)7)]
    public void Validate_StatusNotKnown_InvalidStatus(ThingStatus status)
    {
        AssertSingle(ProtocolExample() with { Status = status }, "status", ThingValidationCodes.InvalidStatus);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Validate_AttributeNameEmpty_Required(string? name)
    {
        Thing thing = ProtocolExample() with { Attributes = [new ThingAttribute("serial", "42"), new ThingAttribute(name!, "x")] };

        AssertSingle(thing, "attributes[1].name", ThingValidationCodes.Required);
    }

    [Fact]
    public void Validate_NullAttribute_Required()
    {
        AssertSingle(ProtocolExample() with { Attributes = [null!] }, "attributes[0]", ThingValidationCodes.Required);
    }

    [Fact]
    public void Validate_NoAttributes_NoErrors()
    {
        Assert.Empty(ThingValidator.Validate(ProtocolExample() with { Attributes = [] }));
    }

    [Fact]
    public void Validate_AttributesNull_ReadAsEmptyNoErrors()
    {
        Thing thing = ProtocolExample() with { Attributes = null! };

        Assert.Empty(thing.Attributes);
        Assert.Empty(ThingValidator.Validate(thing));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Validate_CapabilityEmpty_Required(string? capability)
    {
        AssertSingle(WithLamp(Lamp with { Capabilities = ["core.SWITCHABLE", capability!] }), "components[0].capabilities[1]", ThingValidationCodes.Required);
    }

    [Fact]
    public void Validate_OptionalTextsEmpty_NoErrors()
    {
        Thing thing = ProtocolExample() with
        {
            Id = "",
            Name = "",
            Manufacturer = "",
            Attributes = [new ThingAttribute("serial", "")],
            Components = [Lamp with { Name = "", Properties = [On with { Name = "", Unit = "", PropertyType = "", Value = "" }], Actions = [SetOn with { Name = "" }] }],
        };

        Assert.Empty(ThingValidator.Validate(thing));
    }

    [Fact]
    public void Validate_ValidThings_Serialize()
    {
        Thing[] things =
        [
            ProtocolExample(),
            ProtocolExample() with { Name = "", Manufacturer = "", Attributes = [], Components = [Lamp with { Name = "", Capabilities = [], Actions = [] }] },
        ];

        Assert.All(things, thing =>
        {
            Assert.Empty(ThingValidator.Validate(thing));
            Assert.NotEmpty(JsonSerializer.Serialize(thing, ConnctdJsonContext.Default.Thing));
        });
    }

    [Fact]
    public void Validate_NullText_RequiredBecauseTheSerializerRefusesIt()
    {
        Thing thing = ProtocolExample() with { Manufacturer = null! };

        AssertSingle(thing, "manufacturer", ThingValidationCodes.Required);
        Assert.Throws<JsonException>(() => JsonSerializer.Serialize(thing, ConnctdJsonContext.Default.Thing));
    }

    [Fact]
    public void Validate_OptionalTextsNull_Required()
    {
        Thing thing = ProtocolExample() with
        {
            Id = null!,
            Name = null!,
            Manufacturer = null!,
            Attributes = [new ThingAttribute("serial", null!)],
            Components = [Lamp with { Name = null!, Properties = [On with { Name = null!, Value = null!, Unit = null!, PropertyType = null! }], Actions = [SetOn with { Name = null! }] }],
        };

        Assert.Equal(
            [
                ("id", ThingValidationCodes.Required),
                ("name", ThingValidationCodes.Required),
                ("manufacturer", ThingValidationCodes.Required),
                ("attributes[0].value", ThingValidationCodes.Required),
                ("components[0].name", ThingValidationCodes.Required),
                ("components[0].properties[0].name", ThingValidationCodes.Required),
                ("components[0].properties[0].value", ThingValidationCodes.Required),
                ("components[0].properties[0].unit", ThingValidationCodes.Required),
                ("components[0].properties[0].propertyType", ThingValidationCodes.Required),
                ("components[0].actions[0].name", ThingValidationCodes.Required),
            ],
            Problems(thing));
    }

    public static TheoryData<string, int> BrokenTexts => new()
    {
        { "name", 0 },
        { "manufacturer", 1 },
        { "displayType", 2 },
        { "attributes[0].name", 3 },
        { "attributes[0].value", 4 },
        { "components[0].name", 0 },
        { "components[0].componentType", 1 },
        { "components[0].capabilities[0]", 2 },
        { "components[0].properties[0].name", 3 },
        { "components[0].properties[0].value", 4 },
        { "components[0].properties[0].unit", 0 },
        { "components[0].properties[0].propertyType", 1 },
        { "components[0].actions[0].name", 2 },
        { "components[0].actions[0].parameters[0].name", 3 },
    };

    [Theory]
    [MemberData(nameof(BrokenTexts))]
    public void Validate_TextWithLoneSurrogate_InvalidUtf8(string path, int broken)
    {
        AssertSingle(WithText(path, Broken[broken]), path, ThingValidationCodes.InvalidUtf8);
    }

    [Theory]
    [MemberData(nameof(BrokenTexts))]
    public void Validate_TextWithSurrogatePairsAndNonAscii_NoErrors(string path, int broken)
    {
        _ = broken;
        Assert.Empty(ThingValidator.Validate(WithText(path, "Lämpchen 💡 °C 灯")));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    public void Validate_IdWithLoneSurrogate_InvalidId(int broken)
    {
        string id = Broken[broken];

        Assert.Equal(
            [
                ("components[0].id", ThingValidationCodes.InvalidId),
                ("components[0].properties[0].id", ThingValidationCodes.InvalidId),
                ("components[0].actions[0].id", ThingValidationCodes.InvalidId),
            ],
            Problems(WithLamp(Lamp with { Id = id, Properties = [On with { Id = id }], Actions = [SetOn with { Id = id }] })));
        Assert.False(ThingValidator.IsValidId(id));
    }

    [Fact]
    public void Validate_MainComponentIdWithLoneSurrogate_UnknownMainComponent()
    {
        AssertSingle(ProtocolExample() with { MainComponentId = Broken[4] }, "mainComponentId", ThingValidationCodes.UnknownMainComponent);
    }

    private static Thing WithText(string path, string text)
    {
        Thing thing = ProtocolExample();
        ThingProperty on = On with { Type = PropertyValueType.String };
        return path switch
        {
            "name" => thing with { Name = text },
            "manufacturer" => thing with { Manufacturer = text },
            "displayType" => thing with { DisplayType = text },
            "attributes[0].name" => thing with { Attributes = [new ThingAttribute(text, "42")] },
            "attributes[0].value" => thing with { Attributes = [new ThingAttribute("serial", text)] },
            "components[0].name" => WithLamp(Lamp with { Name = text }),
            "components[0].componentType" => WithLamp(Lamp with { ComponentType = text }),
            "components[0].capabilities[0]" => WithLamp(Lamp with { Capabilities = [text] }),
            "components[0].properties[0].name" => WithProperties(on with { Name = text }),
            "components[0].properties[0].value" => WithProperties(on with { Value = text }),
            "components[0].properties[0].unit" => WithProperties(on with { Unit = text }),
            "components[0].properties[0].propertyType" => WithProperties(on with { PropertyType = text }),
            "components[0].actions[0].name" => WithActions(SetOn with { Name = text }),
            "components[0].actions[0].parameters[0].name" => WithParameters(new ActionParameter(text, PropertyValueType.String)),
            _ => throw new ArgumentOutOfRangeException(nameof(path), path, "No such text in the test thing."),
        };
    }

    [Fact]
    public void Validate_ManyViolations_AllReportedInDocumentOrder()
    {
        Thing thing = new()
        {
            Name = LoneHigh,
            DisplayType = "",
            MainComponentId = "missing",
            Status = ThingStatus.Unknown,
            Attributes = [new ThingAttribute("", "x")],
            Components =
            [
                new Component
                {
                    Id = "lamp",
                    ComponentType = "",
                    Properties =
                    [
                        new ThingProperty { Id = "on", Type = PropertyValueType.Boolean, Value = "yes" },
                        new ThingProperty { Id = "ON", Type = PropertyValueType.Unknown },
                    ],
                    Actions = [new ThingAction { Id = "set on", Parameters = [new ActionParameter("", PropertyValueType.Unknown)] }],
                },
                new Component { Id = "LAMP", ComponentType = "core.Lamp" },
                new Component { Id = "x\n", ComponentType = "core.Lamp", Properties = [new ThingProperty { Id = "n", Type = PropertyValueType.Number, Value = "1,5" }] },
            ],
        };

        Assert.Equal(
            [
                ("name", ThingValidationCodes.InvalidUtf8),
                ("displayType", ThingValidationCodes.Required),
                ("mainComponentId", ThingValidationCodes.UnknownMainComponent),
                ("status", ThingValidationCodes.InvalidStatus),
                ("attributes[0].name", ThingValidationCodes.Required),
                ("components[0].componentType", ThingValidationCodes.Required),
                ("components[0].properties[0].value", ThingValidationCodes.InvalidValue),
                ("components[0].properties[1].id", ThingValidationCodes.DuplicateId),
                ("components[0].properties[1].type", ThingValidationCodes.InvalidType),
                ("components[0].actions[0].id", ThingValidationCodes.InvalidId),
                ("components[0].actions[0].parameters[0].name", ThingValidationCodes.Required),
                ("components[0].actions[0].parameters[0].type", ThingValidationCodes.InvalidType),
                ("components[1].id", ThingValidationCodes.DuplicateId),
                ("components[1]", ThingValidationCodes.EmptyComponent),
                ("components[2].id", ThingValidationCodes.InvalidId),
                ("components[2].properties[0].value", ThingValidationCodes.InvalidValue),
            ],
            Problems(thing));
    }

    [Fact]
    public void Validate_EveryError_HasAMessage()
    {
        Thing thing = ProtocolExample() with { DisplayType = "", MainComponentId = "nope", Components = [Lamp, Lamp with { Id = "b a d" }] };

        IReadOnlyList<ThingValidationError> errors = ThingValidator.Validate(thing);

        Assert.Equal(3, errors.Count);
        Assert.All(errors, error => Assert.False(string.IsNullOrWhiteSpace(error.Message)));
    }

    [Fact]
    public void ThrowIfInvalid_ValidThing_DoesNotThrow()
    {
        ThingValidator.ThrowIfInvalid(ProtocolExample());
    }

    [Fact]
    public void ThrowIfInvalid_InvalidThing_ThrowsWithAllErrors()
    {
        Thing thing = ProtocolExample() with { DisplayType = "", Status = ThingStatus.Unknown };

        ThingValidationException exception = Assert.Throws<ThingValidationException>(() => ThingValidator.ThrowIfInvalid(thing));

        Assert.Equal(ThingValidator.Validate(thing), exception.Errors);
        Assert.Equal(["displayType", "status"], exception.Errors.Select(error => error.Path));
    }

    [Fact]
    public void ThrowIfInvalid_NullThing_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => ThingValidator.ThrowIfInvalid(null!));
    }

    [Theory]
    [MemberData(nameof(ValidIds))]
    public void IsValidId_ValidId_True(string id)
    {
        Assert.True(ThingValidator.IsValidId(id));
    }

    [Theory]
    [MemberData(nameof(InvalidIds))]
    [InlineData("")]
    [InlineData(null)]
    public void IsValidId_InvalidId_False(string? id)
    {
        Assert.False(ThingValidator.IsValidId(id));
    }
}
