using Connctd.Connector.Sdk.Diagnostics;

// In OpenTelemetry's namespace, as the instrumentation libraries do: the call is found where the builder is.
namespace OpenTelemetry.Trace;

/// <summary>Adds the connctd connector SDK's spans to an OpenTelemetry tracer provider.</summary>
public static class ConnctdTracerProviderBuilderExtensions
{
    /// <summary>
    /// Subscribes to the activity source <see cref="ConnctdDiagnostics.ActivitySourceName"/>: a span
    /// <c>connctd.callback {kind}</c> (internal, a child of ASP.NET Core's server span) for every callback and a span
    /// <c>connctd.platform {operation}</c> (client) for every platform API call. Add ASP.NET Core's instrumentation too for
    /// the server span itself.
    /// </summary>
    /// <param name="builder">The tracer provider builder.</param>
    /// <returns>The same builder, for chaining.</returns>
    public static TracerProviderBuilder AddConnctdInstrumentation(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource(ConnctdDiagnostics.ActivitySourceName);
    }
}
