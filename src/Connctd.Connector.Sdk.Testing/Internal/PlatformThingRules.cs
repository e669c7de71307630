using System.Text.Json;
using System.Text.Json.Nodes;
using Connctd.Connector.Sdk.Things;

namespace Connctd.Connector.Sdk.Testing.Internal;

/// <summary>
/// What the real platform accepts of a thing, where it is more lenient than <see cref="ThingValidator"/> (the SDK's own
/// check before it sends): a member sent as <c>null</c>, such as a Go connector's nil <c>capabilities</c> slice, which
/// the platform (written in Go) reads as absent; and the status <c>UNKNOWN</c>, which the protocol lists. Everything
/// else <see cref="ThingValidator"/> refuses, the fake platform refuses too.
/// </summary>
internal static class PlatformThingRules
{
    /// <summary>The thing statuses the protocol lists, as they travel.</summary>
    private static readonly string[] StatusNames = ["UNKNOWN", "AVAILABLE", "UNAVAILABLE"];

    /// <summary>Checks a thing as the platform does before it creates it.</summary>
    public static IReadOnlyList<ThingValidationError> Validate(Thing thing)
    {
        Thing checkable = thing with
        {
            // UNKNOWN is a status the protocol lists; the validator's rule that a connector sends a definite one is the SDK's.
            Status = thing.Status == ThingStatus.Unknown ? ThingStatus.Available : thing.Status,
        };
        return ThingValidator.Validate(checkable);
    }

    /// <summary>
    /// The body with every object member whose value is <c>null</c> left out, as a Go decoder reads it (null leaves the
    /// zero value: an empty text, an empty list). The body as it is when it is not JSON, so the parser reports it.
    /// </summary>
    public static byte[] WithoutNullMembers(byte[] body)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or InvalidOperationException)
        {
            return body;
        }

        if (root is null || !DropNulls(root))
        {
            return body;
        }

        return JsonSerializer.SerializeToUtf8Bytes(root, PlatformThingJsonContext.Default.JsonNode);
    }

    /// <summary>
    /// Whether a <c>status</c> as sent (in a create-thing or a status body) is one the protocol lists. An unrecognised
    /// name would otherwise read as <see cref="ThingStatus.Unknown"/> and pass.
    /// </summary>
    /// <param name="body">The request body.</param>
    /// <param name="path">The property names leading to the object holding <c>status</c>.</param>
    /// <returns><see langword="true"/> when the status is absent, null, or a listed name.</returns>
    public static bool HasListedStatus(byte[] body, params string[] path)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            JsonElement element = document.RootElement;
            foreach (string name in path)
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
                {
                    return true;
                }
            }

            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("status", out JsonElement status) || status.ValueKind == JsonValueKind.Null)
            {
                return true;
            }

            return status.ValueKind == JsonValueKind.String && StatusNames.Contains(status.GetString(), StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return true;
        }
    }

    /// <summary>Removes null members below <paramref name="node"/>; whether any was removed.</summary>
    private static bool DropNulls(JsonNode node)
    {
        bool changed = false;
        switch (node)
        {
            case JsonObject obj:
                foreach (string name in obj.Where(member => member.Value is null).Select(member => member.Key).ToArray())
                {
                    obj.Remove(name);
                    changed = true;
                }

                foreach (KeyValuePair<string, JsonNode?> member in obj)
                {
                    changed |= DropNulls(member.Value!);
                }

                break;
            case JsonArray array:
                foreach (JsonNode? item in array)
                {
                    if (item is not null)
                    {
                        changed |= DropNulls(item);
                    }
                }

                break;
        }

        return changed;
    }
}
