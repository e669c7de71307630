using System.Text;
using Connctd.Connector.Sdk.Things;

namespace Connctd.Connector.Sdk.Benchmarks.Infrastructure;

/// <summary>The callbacks and things every benchmark works on: the sizes the platform really sends.</summary>
public static class Samples
{
    /// <summary>A fixed Ed25519 private key seed, so runs are comparable (never a real key).</summary>
    public const string PrivateKeySeedBase64 = "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=";

    public const string Host = "connector.example.com";

    public const string ActionTarget = "/connctd/actions";

    public static readonly DateTimeOffset SignedAt = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    public static byte[] InstallationBody { get; } = Encoding.UTF8.GetBytes(
        """{"id":"5b0f3c8e-2a64-4c1e-9d0e-7f6f0c1e2a3b","token":"inst-tok-9c2f1e7a4b5d6e8f0a1b2c3d4e5f6a7b8c9d0e1f","state":1,"configuration":[{"id":"apiUrl","value":"https://hub.example.com/api"},{"id":"apiKey","value":"k-0123456789abcdef"},{"id":"pollSeconds","value":"30"}]}""");

    public static byte[] InstantiationBody { get; } = Encoding.UTF8.GetBytes(
        """{"id":"7d1e9a40-5c3b-4f8a-b2e6-1a9c0d7e3f52","installation_id":"5b0f3c8e-2a64-4c1e-9d0e-7f6f0c1e2a3b","token":"itk-1f2e3d4c5b6a79880706f5e4d3c2b1a0","state":1,"configuration":[{"id":"homeId","value":"home-42"}]}""");

    public static byte[] ActionBody { get; } = ActionBodyFor("a3c1f7e2-0b9d-4e6a-8c5f-2d1b0a9e8f7c", "thing-000001");

    public static byte[] ActionBodyFor(string actionRequestId, string thingId) => Encoding.UTF8.GetBytes(
        $$$"""{"id":"{{{actionRequestId}}}","thingId":"{{{thingId}}}","componentId":"lamp","actionId":"setOn","status":"PENDING","parameters":{"on":"true"}}""");

    /// <summary>The lamp of PROTOCOL.md: one component, one property, one action.</summary>
    public static Thing Lamp() => new ThingBuilder("Lamp", "core.LIGHT")
        .WithManufacturer("ACME")
        .WithAttribute("serial", "42")
        .AddComponent("lamp", "core.Lamp", component => component
            .WithCapability("core.SWITCHABLE")
            .AddProperty("on", PropertyValueType.Boolean, property => property.WithValue("false").WithPropertyType("core.ONOFF"))
            .AddAction("setOn", action => action.AddParameter("on", PropertyValueType.Boolean)))
        .Build();

    /// <summary>A large thing: 5 components of 20 properties and 5 actions each.</summary>
    public static Thing Gateway()
    {
        var builder = new ThingBuilder("Gateway", "core.GATEWAY").WithManufacturer("ACME");
        for (int c = 0; c < 5; c++)
        {
            builder.AddComponent($"channel-{c}", "core.Channel", component =>
            {
                for (int p = 0; p < 20; p++)
                {
                    component.AddProperty($"value_{p}", PropertyValueType.Number, property => property.WithValue("21.5").WithUnit("°C"));
                }

                for (int a = 0; a < 5; a++)
                {
                    component.AddAction($"set_{a}", action => action.AddParameter("value", PropertyValueType.Number));
                }
            });
        }

        return builder.Build();
    }
}
