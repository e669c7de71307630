using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Connctd.Connector.Sdk.Serialization;

/// <summary>
/// Reads and writes the protocol's messages exactly as the SDK does: camelCase names, enums in UPPER_SNAKE_CASE,
/// times in RFC 3339; unknown properties ignored, duplicate properties, nesting deeper than 32 levels and a
/// <c>null</c> where the model allows none refused. Source-generated metadata: no reflection, trimming- and AOT-safe.
/// </summary>
/// <example>
/// <code>
/// ActionRequest? request = JsonSerializer.Deserialize(body, ConnctdJson.GetTypeInfo&lt;ActionRequest&gt;());
/// string json = JsonSerializer.Serialize(update, ConnctdJson.GetTypeInfo&lt;PropertyValueUpdate&gt;());
/// </code>
/// </example>
public static class ConnctdJson
{
    /// <summary>
    /// The serializer options that know every protocol message (read-only). Pass them to
    /// <see cref="JsonSerializer"/> for a message type, or use <see cref="GetTypeInfo{T}"/>.
    /// </summary>
    public static JsonSerializerOptions Options => ConnctdJsonContext.Default.Options;

    /// <summary>The metadata of one protocol message type: the fastest way to read or write it.</summary>
    /// <typeparam name="T">
    /// A message of the protocol (<c>InstallationRequest</c>, <c>ActionRequest</c>, <c>PropertyValueUpdate</c>,
    /// <c>ErrorResponse</c>, <c>Thing</c>, …), <c>IReadOnlyList&lt;ConfigurationValue&gt;</c> or <see cref="JsonElement"/>.
    /// </typeparam>
    /// <returns>The metadata; the same instance on every call.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not one of the protocol's types.</exception>
    public static JsonTypeInfo<T> GetTypeInfo<T>() =>
        TypeInfoCache<T>.Value ?? throw new NotSupportedException($"{typeof(T)} is not a message of the connctd protocol.");

    [SuppressMessage("Design", "CA1812", Justification = "Static generic cache.")]
    private static class TypeInfoCache<T>
    {
        public static readonly JsonTypeInfo<T>? Value = ConnctdJsonContext.Default.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>;
    }
}
