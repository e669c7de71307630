using Connctd.Connector.Sdk.Things;

namespace FunctionsConnector;

/// <summary>The one thing of an instance: a smart plug with component <c>plug</c>, property <c>on</c> and action <c>setOn</c>.</summary>
public static class PlugThings
{
    /// <summary>The plug's external id in every instance.</summary>
    public const string ExternalId = "plug";

    /// <summary>The plug's component.</summary>
    public const string Component = "plug";

    /// <summary>Property <c>on</c> (BOOLEAN) and the parameter of <see cref="SetOn"/>.</summary>
    public const string On = "on";

    /// <summary>Action switching the plug; completes at once and reports the new value of <see cref="On"/>.</summary>
    public const string SetOn = "setOn";

    /// <summary>The thing templates of an instance.</summary>
    public static IReadOnlyList<ThingTemplate> Create() =>
    [
        new ThingTemplate(ExternalId, new ThingBuilder("Smart plug", "core.SWITCH")
            .WithManufacturer("connctd SDK samples")
            .AddComponent(Component, "core.Plug", component => component
                .WithCapability("core.SWITCHABLE")
                .AddProperty(On, PropertyValueType.Boolean, property => property.WithValue("false").WithPropertyType("core.ONOFF"))
                .AddAction(SetOn, action => action.AddParameter(On, PropertyValueType.Boolean)))
            .Build()),
    ];
}
