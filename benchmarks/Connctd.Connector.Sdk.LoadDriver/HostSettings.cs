using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Connctd.Connector.Sdk.LoadDriver;

/// <summary>
/// Kestrel and runtime settings a connector host can choose, applied to the self-hosted server so the load driver can
/// measure them against the default host:
/// <list type="bullet">
/// <item><description><c>inline-scheduling</c>: <c>SocketTransportOptions.UnsafePreferInlineScheduling</c>: Kestrel runs
/// request processing on the socket's I/O thread instead of queueing it to the thread pool (a handler that blocks
/// then blocks that I/O thread's other connections);</description></item>
/// <item><description><c>inline-completions</c>: <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c> in the server's
/// environment: every socket completion in the process (the platform client's too) runs on the epoll thread;</description></item>
/// <item><description><c>no-server-header</c>: <c>KestrelServerOptions.AddServerHeader = false</c>;</description></item>
/// <item><description><c>min-threads=N</c>: <c>ThreadPool.SetMinThreads(N, N)</c> before the host starts.</description></item>
/// </list>
/// Several settings of one variant are joined with <c>+</c>; <c>default</c> is none.
/// </summary>
internal static class HostSettings
{
    public const string InlineScheduling = "inline-scheduling";
    public const string InlineCompletions = "inline-completions";
    public const string NoServerHeader = "no-server-header";
    public const string MinThreadsPrefix = "min-threads=";
    public const string Default = "default";

    /// <summary>Reads a variant such as <c>inline-scheduling+no-server-header</c> (or <c>default</c>) into its settings.</summary>
    public static IReadOnlyList<string> ParseVariant(string variant)
    {
        if (variant == Default)
        {
            return [];
        }

        string[] settings = variant.Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (string setting in settings)
        {
            bool known = setting is InlineScheduling or InlineCompletions or NoServerHeader ||
                (setting.StartsWith(MinThreadsPrefix, StringComparison.Ordinal) &&
                 int.TryParse(setting[MinThreadsPrefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out int threads) && threads > 0);
            if (!known)
            {
                throw new ArgumentException(
                    $"Unknown host setting '{setting}': use {InlineScheduling}, {InlineCompletions}, {NoServerHeader}, {MinThreadsPrefix}<n> (joined with +) or {Default}.");
            }
        }

        return settings;
    }

    /// <summary>The name of a variant as printed in the tables.</summary>
    public static string Name(IReadOnlyList<string> settings) => settings.Count == 0 ? Default : string.Join('+', settings);

    /// <summary>Environment variables the server process needs for <paramref name="settings"/>.</summary>
    public static Dictionary<string, string> Environment(IReadOnlyList<string> settings)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (settings.Contains(InlineCompletions))
        {
            environment["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = "1";
        }

        return environment;
    }

    /// <summary>Applies <paramref name="settings"/> to a host that is about to be built (in the server process).</summary>
    public static void Apply(WebApplicationBuilder builder, IReadOnlyList<string> settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (settings.Contains(InlineScheduling))
        {
            builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
        }

        if (settings.Contains(NoServerHeader))
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        }

        foreach (string setting in settings.Where(s => s.StartsWith(MinThreadsPrefix, StringComparison.Ordinal)))
        {
            int threads = int.Parse(setting[MinThreadsPrefix.Length..], CultureInfo.InvariantCulture);
            ThreadPool.SetMinThreads(threads, threads);
        }
    }
}
