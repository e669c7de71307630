using System.Text.Json;
using System.Text.Json.Nodes;
using Connctd.Connector.Sdk.Serialization;
using Connctd.Connector.Sdk.Things;

namespace Connctd.Connector.Sdk.Tests.Things;

public sealed class ThingBuilderTests
{
    /// <summary>The thing example of PROTOCOL.md ("Things"), verbatim.</summary>
    private const string ProtocolExampleJson = """
        {"id":"","name":"Lamp","manufacturer":"ACME","displayType":"core.LIGHT","mainComponentId":"lamp",
         "status":"AVAILABLE","attributes":[{"name":"serial","value":"42"}],
         "components":[{"id":"lamp","name":"Lamp","componentType":"core.Lamp","capabilities":["core.SWITCHABLE"],
           "properties":[{"id":"on","name":"on","value":"false","unit":"","type":"BOOLEAN",
                          "lastUpdate":"2020-10-07T10:00:00Z","propertyType":"core.ONOFF"}],
           "actions":[{"id":"setOn","name":"setOn","parameters":[{"name":"on","type":"BOOLEAN"}]}]}]}
        """;

    private static readonly DateTimeOffset Ts = new(2020, 10, 7, 10, 0, 0, TimeSpan.Zero);

    private static ThingBuilder ProtocolExampleBuilder() => new ThingBuilder("Lamp", "core.LIGHT")
        .WithManufacturer("ACME")
        .WithAttribute("serial", "42")
        .WithStatus(ThingStatus.Available)
        .AddComponent("lamp", "core.Lamp", c => c
            .WithName("Lamp")
            .WithCapability("core.SWITCHABLE")
            .AddProperty("on", PropertyValueType.Boolean, p => p.WithValue("false").WithPropertyType("core.ONOFF").WithUnit("").WithLastUpdate(Ts))
            .AddAction("setOn", a => a.AddParameter("on", PropertyValueType.Boolean)))
        .WithMainComponent("lamp");

    private static JsonNode? ToJson(Thing thing) => JsonNode.Parse(JsonSerializer.Serialize(thing, ConnctdJsonContext.Default.Thing));

    private static (string Path, string Code)[] Problems(ThingValidationException exception) =>
        [.. exception.Errors.Select(error => (error.Path, error.Code))];

    [Fact]
    public void Build_ProtocolExample_SerializesToTheProtocolJson()
    {
        Thing thing = ProtocolExampleBuilder().Build();

        JsonNode? actual = ToJson(thing);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(ProtocolExampleJson), actual), actual?.ToJsonString());
    }

    [Fact]
    public void Build_ProtocolExample_EqualsTheProtocolJsonParsed()
    {
        Thing built = ProtocolExampleBuilder().Build();
        Thing parsed = JsonSerializer.Deserialize(ProtocolExampleJson, ConnctdJsonContext.Default.Thing)!;

        Assert.True(JsonNode.DeepEquals(ToJson(parsed), ToJson(built)));
    }

    [Fact]
    public void Build_OnlyRequiredParts_UsesDefaults()
    {
        Thing thing = new ThingBuilder("Lamp", "core.LIGHT")
            .AddComponent("lamp", "core.Lamp", c => c
                .AddProperty("on", PropertyValueType.Boolean)
                .AddAction("toggle"))
            .Build();

        Assert.Equal("", thing.Id);
        Assert.Equal("Lamp", thing.Name);
        Assert.Equal("", thing.Manufacturer);
        Assert.Equal(ThingStatus.Available, thing.Status);
        Assert.Equal("lamp", thing.MainComponentId);
        Assert.Empty(thing.Attributes);
        Component component = Assert.Single(thing.Components);
        Assert.Equal("lamp", component.Name);
        Assert.Empty(component.Capabilities);
        ThingProperty property = Assert.Single(component.Properties);
        Assert.Equal(("on", "on", "", "", PropertyValueType.Boolean, null, ""), (property.Id, property.Name, property.Value, property.Unit, property.Type, property.LastUpdate, property.PropertyType));
        ThingAction action = Assert.Single(component.Actions);
        Assert.Equal(("toggle", "toggle"), (action.Id, action.Name));
        Assert.Empty(action.Parameters);
    }

    [Fact]
    public void Build_NoLastUpdate_LastUpdateNotWritten()
    {
        Thing thing = new ThingBuilder("Lamp", "core.LIGHT")
            .AddComponent("lamp", "core.Lamp", c => c.AddProperty("on", PropertyValueType.Boolean))
            .Build();

        JsonObject property = ToJson(thing)!["components"]![0]!["properties"]![0]!.AsObject();
        Assert.False(property.ContainsKey("lastUpdate"));
    }

    [Fact]
    public void Build_LastUpdateWithOffset_WrittenInUtc()
    {
        Thing thing = new ThingBuilder("Lamp", "core.LIGHT")
            .AddComponent("lamp", "core.Lamp", c => c.AddProperty("on", PropertyValueType.Boolean, p => p.WithLastUpdate(new DateTimeOffset(2020, 10, 7, 12, 0, 0, TimeSpan.FromHours(2)))))
            .Build();

        Assert.Equal("2020-10-07T10:00:00Z", ToJson(thing)!["components"]![0]!["properties"]![0]!["lastUpdate"]!.GetValue<string>());
    }

    [Fact]
    public void Build_WithMainComponent_UsesIt()
    {
        Thing thing = new ThingBuilder("Hub", "core.HUB")
            .AddComponent("a", "core.X", c => c.AddAction("go"))
            .AddComponent("b", "core.X", c => c.AddAction("go"))
            .WithMainComponent("b")
            .Build();

        Assert.Equal("b", thing.MainComponentId);
        Assert.Equal(["a", "b"], thing.Components.Select(component => component.Id));
    }

    [Fact]
    public void Build_NamesSet_OverrideTheIds()
    {
        Thing thing = new ThingBuilder("Lamp", "core.LIGHT")
            .AddComponent("lamp", "core.Lamp", c => c
                .WithName("The lamp")
                .AddProperty("on", PropertyValueType.Boolean, p => p.WithName("Power"))
                .AddAction("setOn", a => a.WithName("Switch")))
            .Build();

        Component component = thing.Components[0];
        Assert.Equal(("The lamp", "Power", "Switch"), (component.Name, component.Properties[0].Name, component.Actions[0].Name));
    }

    [Fact]
    public void Build_Unavailable_KeepsStatus()
    {
        Thing thing = ProtocolExampleBuilder().WithStatus(ThingStatus.Unavailable).Build();

        Assert.Equal(ThingStatus.Unavailable, thing.Status);
    }

    [Fact]
    public void WithAttribute_SameNameTwice_LastValueWins()
    {
        Thing thing = ProtocolExampleBuilder().WithAttribute("serial", "43").WithAttribute("fw", "1.2").Build();

        Assert.Equal([new ThingAttribute("serial", "43"), new ThingAttribute("fw", "1.2")], thing.Attributes);
    }

    [Fact]
    public void WithCapability_SameTwice_KeptOnce()
    {
        Thing thing = new ThingBuilder("Lamp", "core.LIGHT")
            .AddComponent("lamp", "core.Lamp", c => c.WithCapability("core.SWITCHABLE").WithCapability("core.DIMMABLE").WithCapability("core.SWITCHABLE").AddAction("toggle"))
            .Build();

        Assert.Equal(["core.SWITCHABLE", "core.DIMMABLE"], thing.Components[0].Capabilities);
    }

    [Theory]
    [InlineData(true, "true")]
    [InlineData(false, "false")]
    public void WithValue_Bool_WritesProtocolBoolean(bool value, string expected)
    {
        Thing thing = new ThingBuilder("Lamp", "core.LIGHT")
            .AddComponent("lamp", "core.Lamp", c => c.AddProperty("on", PropertyValueType.Boolean, p => p.WithValue(value)))
            .Build();

        Assert.Equal(expected, thing.Components[0].Properties[0].Value);
    }

    [Theory]
    [InlineData(21.5, "21.5")]
    [InlineData(42, "42")]
    [InlineData(-0.001, "-0.001")]
    [InlineData(1e21, "1E+21")]
    public void WithValue_Double_WritesInvariantNumber(double value, string expected)
    {
        Thing thing = new ThingBuilder("Thermometer", "core.SENSOR")
            .AddComponent("sensor", "core.Sensor", c => c.AddProperty("temperature", PropertyValueType.Number, p => p.WithValue(value).WithUnit("°C")))
            .Build();

        Assert.Equal(expected, thing.Components[0].Properties[0].Value);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Build_NonFiniteNumber_ThrowsInvalidValue(double value)
    {
        ThingBuilder builder = new ThingBuilder("Thermometer", "core.SENSOR")
            .AddComponent("sensor", "core.Sensor", c => c.AddProperty("temperature", PropertyValueType.Number, p => p.WithValue(value)));

        ThingValidationException exception = Assert.Throws<ThingValidationException>(builder.Build);

        Assert.Equal([("components[0].properties[0].value", ThingValidationCodes.InvalidValue)], Problems(exception));
    }

    [Fact]
    public void AddComponent_BuiltComponent_AddedAsIs()
    {
        var shared = new Component { Id = "battery", Name = "Battery", ComponentType = "core.Battery", Properties = [new ThingProperty { Id = "level", Name = "level", Type = PropertyValueType.Number }] };

        Thing thing = ProtocolExampleBuilder().AddComponent(shared).Build();

        Assert.Same(shared, thing.Components[1]);
        Assert.Equal("lamp", thing.MainComponentId);
    }

    [Fact]
    public void Build_NoComponents_ThrowsNoComponentsAndMissingMainComponent()
    {
        ThingValidationException exception = Assert.Throws<ThingValidationException>(new ThingBuilder("Lamp", "core.LIGHT").Build);

        Assert.Equal([("mainComponentId", ThingValidationCodes.Required), ("components", ThingValidationCodes.NoComponents)], Problems(exception));
    }

    [Fact]
    public void Build_ManyMistakes_ThrowsWithAllErrors()
    {
        ThingBuilder builder = new ThingBuilder("Lamp", "")
            .WithStatus(ThingStatus.Unknown)
            .AddComponent("lamp", "core.Lamp", c => c
                .AddProperty("on", PropertyValueType.Boolean, p => p.WithValue("on"))
                .AddProperty("On", PropertyValueType.Unknown)
                .AddAction("set on", a => a.AddParameter("on", PropertyValueType.Boolean).AddParameter("ON", PropertyValueType.String)))
            .AddComponent("LAMP", "")
            .WithMainComponent("Lamp");

        ThingValidationException exception = Assert.Throws<ThingValidationException>(builder.Build);

        Assert.Equal(
            [
                ("displayType", ThingValidationCodes.Required),
                ("mainComponentId", ThingValidationCodes.UnknownMainComponent),
                ("status", ThingValidationCodes.InvalidStatus),
                ("components[0].properties[0].value", ThingValidationCodes.InvalidValue),
                ("components[0].properties[1].id", ThingValidationCodes.DuplicateId),
                ("components[0].properties[1].type", ThingValidationCodes.InvalidType),
                ("components[0].actions[0].id", ThingValidationCodes.InvalidId),
                ("components[0].actions[0].parameters[1].name", ThingValidationCodes.DuplicateName),
                ("components[1].id", ThingValidationCodes.DuplicateId),
                ("components[1].componentType", ThingValidationCodes.Required),
                ("components[1]", ThingValidationCodes.EmptyComponent),
            ],
            Problems(exception));
    }

    [Fact]
    public void Build_CalledAgainAfterMoreChanges_EarlierThingUnchanged()
    {
        ThingBuilder builder = ProtocolExampleBuilder();
        Thing first = builder.Build();
        string before = JsonSerializer.Serialize(first, ConnctdJsonContext.Default.Thing);

        Thing second = builder
            .WithAttribute("serial", "99")
            .AddComponent("dimmer", "core.Dimmer", c => c.AddProperty("level", PropertyValueType.Number))
            .WithMainComponent("dimmer")
            .Build();

        Assert.Equal(before, JsonSerializer.Serialize(first, ConnctdJsonContext.Default.Thing));
        Assert.Equal(2, second.Components.Count);
        Assert.Equal("dimmer", second.MainComponentId);
    }

    [Fact]
    public void Build_Lists_CannotBeChangedThroughCasts()
    {
        Thing thing = ProtocolExampleBuilder().Build();

        Assert.Throws<NotSupportedException>(() => ((ICollection<Component>)thing.Components).Clear());
        Assert.Throws<NotSupportedException>(() => ((ICollection<ThingAttribute>)thing.Attributes).Clear());
        Assert.Throws<NotSupportedException>(() => ((ICollection<ThingProperty>)thing.Components[0].Properties).Clear());
        Assert.Throws<NotSupportedException>(() => ((ICollection<string>)thing.Components[0].Capabilities).Clear());
        Assert.Throws<NotSupportedException>(() => ((ICollection<ThingAction>)thing.Components[0].Actions).Clear());
        Assert.Throws<NotSupportedException>(() => ((ICollection<ActionParameter>)thing.Components[0].Actions[0].Parameters).Clear());
    }

    [Fact]
    public void Builders_NullArguments_ThrowArgumentNullException()
    {
        var builder = new ThingBuilder("Lamp", "core.LIGHT");

        Assert.Throws<ArgumentNullException>(() => new ThingBuilder(null!, "core.LIGHT"));
        Assert.Throws<ArgumentNullException>(() => new ThingBuilder("Lamp", null!));
        Assert.Throws<ArgumentNullException>(() => builder.WithManufacturer(null!));
        Assert.Throws<ArgumentNullException>(() => builder.WithAttribute(null!, "x"));
        Assert.Throws<ArgumentNullException>(() => builder.WithAttribute("x", null!));
        Assert.Throws<ArgumentNullException>(() => builder.WithMainComponent(null!));
        Assert.Throws<ArgumentNullException>(() => builder.AddComponent(null!));
        Assert.Throws<ArgumentNullException>(() => builder.AddComponent(null!, "core.Lamp"));
        Assert.Throws<ArgumentNullException>(() => builder.AddComponent("lamp", null!));
        Assert.Throws<ArgumentNullException>(() => builder.AddComponent("lamp", "core.Lamp", c => c.WithName(null!)));
        Assert.Throws<ArgumentNullException>(() => builder.AddComponent("lamp", "core.Lamp", c => c.WithCapability(null!)));
        Assert.Throws<ArgumentNullException>(() => builder.AddComponent("lamp", "core.Lamp", c => c.AddProperty(null!, PropertyValueType.String)));
        Assert.Throws<ArgumentNullException>(() => builder.AddComponent("lamp", "core.Lamp", c => c.AddAction(null!)));
        Assert.Throws<ArgumentNullException>(() => builder.AddComponent("lamp", "core.Lamp", c => c.AddProperty("p", PropertyValueType.String, p => p.WithName(null!))));
        Assert.Throws<ArgumentNullException>(() => builder.AddComponent("lamp", "core.Lamp", c => c.AddProperty("p", PropertyValueType.String, p => p.WithValue(null!))));
        Assert.Throws<ArgumentNullException>(() => builder.AddComponent("lamp", "core.Lamp", c => c.AddProperty("p", PropertyValueType.String, p => p.WithUnit(null!))));
        Assert.Throws<ArgumentNullException>(() => builder.AddComponent("lamp", "core.Lamp", c => c.AddProperty("p", PropertyValueType.String, p => p.WithPropertyType(null!))));
        Assert.Throws<ArgumentNullException>(() => builder.AddComponent("lamp", "core.Lamp", c => c.AddAction("a", a => a.WithName(null!))));
        Assert.Throws<ArgumentNullException>(() => builder.AddComponent("lamp", "core.Lamp", c => c.AddAction("a", a => a.AddParameter(null!, PropertyValueType.String))));
    }
}
