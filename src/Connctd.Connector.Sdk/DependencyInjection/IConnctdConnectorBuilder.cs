using Microsoft.Extensions.DependencyInjection;

namespace Connctd.Connector.Sdk;

/// <summary>
/// The builder <c>AddConnctdConnector</c> returns. Packages that add optional parts to a connector (the store
/// packages' <c>UseSqlite</c> and <c>UsePostgreSql</c>, for example) extend this interface, so the hosting package
/// does not depend on them: a connector restores only the packages it uses.
/// </summary>
public interface IConnctdConnectorBuilder
{
    /// <summary>The application's services.</summary>
    IServiceCollection Services { get; }
}
