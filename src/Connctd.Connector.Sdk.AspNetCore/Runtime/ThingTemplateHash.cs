using System.Security.Cryptography;
using System.Text.Json;
using Connctd.Connector.Sdk.Serialization;
using Connctd.Connector.Sdk.Things;

namespace Connctd.Connector.Sdk.AspNetCore.Runtime;

/// <summary>
/// Hashes the structure of a thing template: everything the platform keeps about the thing except the values that
/// change at run time (property values and their times, the status). A different hash means the thing must be re-created.
/// </summary>
internal static class ThingTemplateHash
{
    public static string Compute(Thing thing)
    {
        Thing structure = thing with
        {
            Id = "",
            Status = ThingStatus.Available,
            Components = thing.Components
                .Select(component => component with
                {
                    Properties = component.Properties.Select(property => property with { Value = "", LastUpdate = null }).ToArray(),
                })
                .ToArray(),
        };
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(structure, ConnctdJson.GetTypeInfo<Thing>());
        return Convert.ToHexStringLower(SHA256.HashData(json));
    }
}
