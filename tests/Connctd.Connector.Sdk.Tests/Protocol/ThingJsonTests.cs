using System.Text.Json;
using Connctd.Connector.Sdk.Serialization;
using Connctd.Connector.Sdk.Things;

namespace Connctd.Connector.Sdk.Tests.Protocol;

public class ThingJsonTests
{
    [Fact]
    public void Deserialize_ThingWithoutLists_ListsAreEmpty()
    {
        const string json = """
            {"id":"t-1","name":"Lamp","displayType":"core.LIGHT","mainComponentId":"lamp",
             "components":[{"id":"lamp","name":"Lamp","componentType":"core.Lamp","actions":[{"id":"setOn","name":"setOn"}]}]}
            """;

        Thing thing = JsonSerializer.Deserialize(json, ConnctdJsonContext.Default.Thing)!;

        Assert.Empty(thing.Attributes);
        Component component = Assert.Single(thing.Components);
        Assert.Empty(component.Capabilities);
        Assert.Empty(component.Properties);
        Assert.Empty(Assert.Single(component.Actions).Parameters);
        Assert.DoesNotContain(ThingValidator.Validate(thing), error => error.Path.EndsWith("parameters", StringComparison.Ordinal) || error.Path.EndsWith("properties", StringComparison.Ordinal) || error.Path == "attributes");
    }

    [Fact]
    public void Serialize_ThenDeserialize_RoundTripsEqualContent()
    {
        Thing thing = new ThingBuilder("Lamp", "core.LIGHT")
            .WithAttribute("serial", "42")
            .AddComponent("lamp", "core.Lamp", component => component
                .WithCapability("core.SWITCHABLE")
                .AddProperty("on", PropertyValueType.Boolean, property => property.WithValue("false").WithLastUpdate(new DateTimeOffset(2020, 10, 7, 10, 0, 0, TimeSpan.Zero)))
                .AddAction("setOn", action => action.AddParameter("on", PropertyValueType.Boolean)))
            .Build();

        string json = JsonSerializer.Serialize(thing, ConnctdJsonContext.Default.Thing);
        Thing back = JsonSerializer.Deserialize(json, ConnctdJsonContext.Default.Thing)!;

        Assert.Equal(json, JsonSerializer.Serialize(back, ConnctdJsonContext.Default.Thing));
        Assert.Contains("\"lastUpdate\":\"2020-10-07T10:00:00Z\"", json, StringComparison.Ordinal);
    }
}
