using System.Globalization;
using Connctd.Connector.Sdk.Things;

namespace LampConnector;

/// <summary>The things of an instance: <c>lamp-1</c> … <c>lamp-N</c>, each with component <c>lamp</c>.</summary>
public static class LampThings
{
    /// <summary>The main (and only) component of a lamp.</summary>
    public const string Component = "lamp";

    /// <summary>Property <c>on</c> (BOOLEAN) and the parameter of <see cref="SetOn"/>.</summary>
    public const string On = "on";

    /// <summary>Property <c>brightness</c> (NUMBER, 0–100) and the parameter of <see cref="SetBrightness"/>.</summary>
    public const string Brightness = "brightness";

    /// <summary>Action switching the lamp; completes at once.</summary>
    public const string SetOn = "setOn";

    /// <summary>Action dimming the lamp; answered PENDING, completed about a second later.</summary>
    public const string SetBrightness = "setBrightness";

    /// <summary>The external id of lamp <paramref name="number"/>: <c>lamp-1</c>, <c>lamp-2</c>, ….</summary>
    public static string ExternalId(int number) => "lamp-" + number.ToString(CultureInfo.InvariantCulture);

    /// <summary>The thing templates of an instance with <paramref name="count"/> lamps. The same count always gives the same templates.</summary>
    public static IReadOnlyList<ThingTemplate> Create(int count) =>
        Enumerable.Range(1, count).Select(number => new ThingTemplate(ExternalId(number), Lamp(number))).ToArray();

    private static Thing Lamp(int number) =>
        new ThingBuilder("Lamp " + number.ToString(CultureInfo.InvariantCulture), "core.LIGHT")
            .WithManufacturer("connctd SDK samples")
            .WithAttribute("model", "Simulated lamp")
            .AddComponent(Component, "core.Lamp", component => component
                .WithName("Lamp")
                .WithCapability("core.SWITCHABLE")
                .WithCapability("core.DIMMABLE")
                .AddProperty(On, PropertyValueType.Boolean, property => property.WithValue(LampState.Initial.On).WithPropertyType("core.ONOFF"))
                .AddProperty(Brightness, PropertyValueType.Number, property => property
                    .WithValue(LampState.Initial.Brightness).WithUnit("%").WithPropertyType("core.BRIGHTNESS"))
                .AddAction(SetOn, action => action.AddParameter(On, PropertyValueType.Boolean))
                .AddAction(SetBrightness, action => action.AddParameter(Brightness, PropertyValueType.Number)))
            .Build();
}
