namespace Connctd.Connector.Sdk.Management.Internal;

/// <summary>The GraphQL documents the client sends. Every value travels in <c>variables</c>; nothing is spliced into a document.</summary>
internal static class GraphQLDocuments
{
    public const string ParameterFields = "id name required description valueType displayType validationExpression";

    public const string PublicationFields =
        "id name owner logoUrl homeUrl description requirements tags mode active state " +
        "configurationParameters { " + ParameterFields + " } " +
        "customerConfigurationParameters { " + ParameterFields + " } " +
        "installationCallbackUrl instanceCallbackUrl actionCallbackUrl";

    public const string InstanceFields = "id installation { id } state stateDetails furtherStep { type content }";

    public const string ListPublications =
        "query ConnectorPublications { connectorPublications { " + PublicationFields + " } }";

    public const string RemovePublication =
        "mutation RemoveConnector($connectorId: ID!) { removeConnector(connectorId: $connectorId) { id name state } }";

    public const string ListInstallations =
        "query ConnectorInstallations($appId: ID!) { connectorInstallations(appId: $appId) { id connector { " + PublicationFields + " } state stateDetails } }";

    public const string RemoveInstallation =
        "mutation RemoveInstallation($installationId: ID!, $removeInstances: Boolean!) { removeInstallation(installationId: $installationId, removeInstances: $removeInstances) { affectedInstallation { id state stateDetails } affectedInstances { id installation { id } state stateDetails } } }";

    public const string ListInstances =
        "query ConnectorInstantiations { connectorInstantiations { " + InstanceFields + " } }";

    public const string RemoveInstance =
        "mutation RemoveInstance($instanceId: ID!) { removeInstance(instanceId: $instanceId) { " + InstanceFields + " } }";

    public static string Publish(string publicationInputType) =>
        $"mutation PublishConnector($connector: {publicationInputType}!) {{ publishConnector(connector: $connector) {{ {PublicationFields} publicKey }} }}";

    public static string Install(string configurationInputType) =>
        $"mutation InstallConnector($appId: ID!, $connectorId: ID!, $configuration: [{configurationInputType}!]!) {{ installConnector(appId: $appId, connectorId: $connectorId, configuration: $configuration) {{ id connector {{ id name }} state stateDetails }} }}";

    public static string Instantiate(string configurationInputType) =>
        $"mutation InstantiateConnector($installationId: ID!, $configuration: [{configurationInputType}!]!) {{ instantiateConnector(installationId: $installationId, configuration: $configuration) {{ {InstanceFields} }} }}";
}
