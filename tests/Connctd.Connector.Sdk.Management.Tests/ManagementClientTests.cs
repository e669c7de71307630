using System.Text.Json;
using System.Text.Json.Nodes;
using Connctd.Connector.Sdk.Configuration;
using Connctd.Connector.Sdk.Protocol;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Connctd.Connector.Sdk.Management.Tests;

public sealed class ManagementClientTests : IDisposable
{
    private const string ParameterFields = "id name required description valueType displayType validationExpression";
    private const string PublicationFields =
        "id name owner logoUrl homeUrl description requirements tags mode active state configurationParameters { " + ParameterFields +
        " } customerConfigurationParameters { " + ParameterFields + " } installationCallbackUrl instanceCallbackUrl actionCallbackUrl";
    private const string InstanceFields = "id installation { id } state stateDetails furtherStep { type content }";

    private const string PublicationJson = """
        {"id":"pub-1","name":"Lamp hub","owner":"user-9","logoUrl":"","homeUrl":"https://example.com","description":"Lamps","requirements":"A hub",
         "tags":["light"],"mode":"UNLISTED","active":true,"state":"PUBLISHED",
         "configurationParameters":[{"id":"apiKey","name":"API key","required":true,"description":"The key","valueType":"STRING","displayType":"PASSWORD","validationExpression":"^.+$"}],
         "customerConfigurationParameters":[{"id":"room","name":"Room","required":false,"description":null,"valueType":"NUMBER","displayType":"PLAIN","validationExpression":null}],
         "installationCallbackUrl":"https://l.example.com/i","instanceCallbackUrl":"https://l.example.com/n","actionCallbackUrl":"https://l.example.com/a"}
        """;

    private readonly ManagementTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private static ConnectorManifest Manifest() => new ConnectorConfigurationSchema(
        installation: [ConfigurationParameter.Password("apiKey", "API key") with { Required = true, Description = "The key", ValidationExpression = "^.+$" }],
        instance: [ConfigurationParameter.Number("room", "Room")])
        .ToManifest(new ConnectorManifest
        {
            Name = "Lamp hub",
            Description = "Lamps",
            Requirements = "A hub",
            Mode = PublicationMode.Unlisted,
            Tags = ["light"],
            HomeUrl = new Uri("https://example.com"),
            InstallationCallbackUrl = new Uri("https://l.example.com/i"),
            InstanceCallbackUrl = new Uri("https://l.example.com/n"),
            ActionCallbackUrl = new Uri("https://l.example.com/a"),
        });

    [Fact]
    public async Task ListPublicationsAsync_Answer_SendsQueryAndParsesEveryField()
    {
        _host.AnswerQuery("""{"data":{"connectorPublications":[""" + PublicationJson + "]}}");

        ConnectorPublication publication = Assert.Single(await _host.Client.ListPublicationsAsync());

        _host.AssertQuery("query ConnectorPublications { connectorPublications { " + PublicationFields + " } }", "ConnectorPublications", "{}", ManagementTestHost.DeveloperToken);
        Assert.Equal(("pub-1", "Lamp hub", "user-9", PublicationMode.Unlisted, true, "PUBLISHED"), (publication.Id, publication.Name, publication.Owner, publication.Mode, publication.Active, publication.State));
        Assert.Equal(("", "https://example.com", "Lamps", "A hub"), (publication.LogoUrl, publication.HomeUrl, publication.Description, publication.Requirements));
        Assert.Equal(["light"], publication.Tags);
        Assert.Equal(ConfigurationParameter.Password("apiKey", "API key") with { Required = true, Description = "The key", ValidationExpression = "^.+$" }, Assert.Single(publication.ConfigurationParameters));
        Assert.Equal(ConfigurationParameter.Number("room", "Room"), Assert.Single(publication.CustomerConfigurationParameters));
        Assert.Equal(("https://l.example.com/i", "https://l.example.com/n", "https://l.example.com/a"), (publication.InstallationCallbackUrl, publication.InstanceCallbackUrl, publication.ActionCallbackUrl));
        Assert.Null(publication.PublicKey);
    }

    [Fact]
    public async Task ListPublicationsAsync_NullsAndUnknownNames_ReadLeniently()
    {
        _host.AnswerQuery("""{"data":{"connectorPublications":[{"id":"p","mode":"SECRET","tags":null,"configurationParameters":null,"extra":1},null]}}""");

        ConnectorPublication publication = Assert.Single(await _host.Client.ListPublicationsAsync());

        Assert.Equal(PublicationMode.Unknown, publication.Mode);
        Assert.Empty(publication.Tags);
        Assert.Empty(publication.ConfigurationParameters);
    }

    [Fact]
    public async Task PublishConnectorAsync_Manifest_SendsItAsVariableAndReturnsPublicKey()
    {
        _host.AnswerQuery("""{"data":{"publishConnector":""" + PublicationJson.TrimEnd()[..^1] + ""","publicKey":"11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="}}}""");

        ConnectorPublication publication = await _host.Client.PublishConnectorAsync(Manifest());

        _host.AssertQuery(
            "mutation PublishConnector($connector: ConnectorPublicationInput!) { publishConnector(connector: $connector) { " + PublicationFields + " publicKey } }",
            "PublishConnector",
            """
            {"connector":{"name":"Lamp hub","homeUrl":"https://example.com","description":"Lamps","requirements":"A hub","mode":"UNLISTED","tags":["light"],
             "configurationParameters":[{"id":"apiKey","name":"API key","required":true,"description":"The key","valueType":"STRING","displayType":"PASSWORD","validationExpression":"^.+$"}],
             "customerConfigurationParameters":[{"id":"room","name":"Room","required":false,"description":"","valueType":"NUMBER","displayType":"PLAIN","validationExpression":""}],
             "installationCallbackUrl":"https://l.example.com/i","instanceCallbackUrl":"https://l.example.com/n","actionCallbackUrl":"https://l.example.com/a"}}
            """,
            ManagementTestHost.DeveloperToken);
        Assert.Equal("pub-1", publication.Id);
        Assert.Equal("11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=", publication.PublicKey);
    }

    [Fact]
    public async Task PublishConnectorAsync_ConfiguredInputType_IsUsedInDocument()
    {
        using var host = new ManagementTestHost(options => options.PublicationInputType = "ConnectorInput");
        host.AnswerQuery("""{"data":{"publishConnector":{"id":"p","publicKey":"k"}}}""");

        await host.Client.PublishConnectorAsync(Manifest());

        Assert.StartsWith("mutation PublishConnector($connector: ConnectorInput!)", host.SingleQuery().Body["query"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishConnectorAsync_InvalidManifest_ThrowsWithoutSending()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _host.Client.PublishConnectorAsync(Manifest() with { ActionCallbackUrl = null }));

        Assert.Empty(_host.Server.LogEntries);
    }

    [Fact]
    public async Task RemovePublicationAsync_Id_SendsVariable()
    {
        _host.AnswerQuery("""{"data":{"removeConnector":{"id":"pub-1","name":"Lamp hub","state":"REMOVED"}}}""");

        ConnectorPublication removed = await _host.Client.RemovePublicationAsync("pub-1\" } evil { x");

        _host.AssertQuery(
            "mutation RemoveConnector($connectorId: ID!) { removeConnector(connectorId: $connectorId) { id name state } }",
            "RemoveConnector",
            """{"connectorId":"pub-1\" } evil { x"}""",
            ManagementTestHost.DeveloperToken);
        Assert.Equal(("pub-1", "REMOVED"), (removed.Id, removed.State));
    }

    [Fact]
    public async Task ListInstallationsAsync_AppId_SendsVariableAndParses()
    {
        _host.AnswerQuery("""
            {"data":{"connectorInstallations":[
              {"id":"inst-1","connector":{"id":"pub-1","name":"Lamp hub","mode":"PRIVATE","state":"PUBLISHED","active":true},"state":"COMPLETE","stateDetails":null},
              {"id":"inst-2","connector":null,"state":"ONGOING","stateDetails":{"step":2}}]}}
            """);

        IReadOnlyList<ConnectorInstallation> installations = await _host.Client.ListInstallationsAsync("app-1");

        _host.AssertQuery(
            "query ConnectorInstallations($appId: ID!) { connectorInstallations(appId: $appId) { id connector { " + PublicationFields + " } state stateDetails } }",
            "ConnectorInstallations",
            """{"appId":"app-1"}""",
            ManagementTestHost.DeveloperToken);
        Assert.Equal(2, installations.Count);
        Assert.Equal(("inst-1", "pub-1", LifecycleState.Complete), (installations[0].Id, installations[0].Connector!.Id, installations[0].State));
        Assert.Null(installations[0].StateDetails);
        Assert.Equal(LifecycleState.Ongoing, installations[1].State);
        Assert.Equal(2, installations[1].StateDetails!.Value.GetProperty("step").GetInt32());
    }

    [Fact]
    public async Task InstallConnectorAsync_Configuration_SendsVariables()
    {
        _host.AnswerQuery("""{"data":{"installConnector":{"id":"inst-1","connector":{"id":"pub-1","name":"Lamp hub"},"state":"INITIALIZED","stateDetails":"\"raw\""}}}""");

        ConnectorInstallation installation = await _host.Client.InstallConnectorAsync("app-1", "pub-1", [new("apiKey", "k-1"), new("region", "")]);

        _host.AssertQuery(
            "mutation InstallConnector($appId: ID!, $connectorId: ID!, $configuration: [ConfigurationParameterValueInput!]!) { installConnector(appId: $appId, connectorId: $connectorId, configuration: $configuration) { id connector { id name } state stateDetails } }",
            "InstallConnector",
            """{"appId":"app-1","connectorId":"pub-1","configuration":[{"configurationParameterId":"apiKey","value":"k-1"},{"configurationParameterId":"region","value":""}]}""",
            ManagementTestHost.DeveloperToken);
        Assert.Equal(("inst-1", "Lamp hub", LifecycleState.Initialized), (installation.Id, installation.Connector!.Name, installation.State));
        Assert.Equal(JsonValueKind.String, installation.StateDetails!.Value.ValueKind);
    }

    [Fact]
    public async Task InstallConnectorAsync_NoConfiguration_SendsEmptyList()
    {
        _host.AnswerQuery("""{"data":{"installConnector":{"id":"inst-1","state":"COMPLETE"}}}""");

        await _host.Client.InstallConnectorAsync("app-1", "pub-1");

        Assert.Equal("[]", _host.SingleQuery().Body["variables"]!["configuration"]!.ToJsonString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RemoveInstallationAsync_Flag_SendsVariablesAndParsesAffected(bool removeInstances)
    {
        _host.AnswerQuery("""
            {"data":{"removeInstallation":{"affectedInstallation":{"id":"inst-1","state":"COMPLETE","stateDetails":null},
              "affectedInstances":[{"id":"i-1","installation":{"id":"inst-1"},"state":"COMPLETE"},{"id":"i-2","state":"REMOVAL_ONGOING"}]}}}
            """);

        InstallationRemoval removal = await _host.Client.RemoveInstallationAsync("inst-1", removeInstances);

        _host.AssertQuery(
            "mutation RemoveInstallation($installationId: ID!, $removeInstances: Boolean!) { removeInstallation(installationId: $installationId, removeInstances: $removeInstances) { affectedInstallation { id state stateDetails } affectedInstances { id installation { id } state stateDetails } } }",
            "RemoveInstallation",
            $$"""{"installationId":"inst-1","removeInstances":{{(removeInstances ? "true" : "false")}}}""",
            ManagementTestHost.DeveloperToken);
        Assert.Equal(("inst-1", LifecycleState.Complete), (removal.AffectedInstallation!.Id, removal.AffectedInstallation.State));
        Assert.Equal([("i-1", "inst-1", LifecycleState.Complete), ("i-2", null, LifecycleState.RemovalOngoing)], removal.AffectedInstances.Select(instance => (instance.Id, instance.InstallationId, instance.State)));
    }

    [Fact]
    public async Task ListInstancesAsync_ServiceToken_SendsQueryAndParsesFurtherStep()
    {
        _host.AnswerQuery("""
            {"data":{"connectorInstantiations":[
              {"id":"i-1","installation":{"id":"inst-1"},"state":"ONGOING","stateDetails":null,"furtherStep":{"type":"REDIRECT","content":"https://consent.example.com"}},
              {"id":"i-2","installation":{"id":"inst-1"},"state":"COMPLETE","stateDetails":null,"furtherStep":{"type":2,"content":"**done**"}},
              {"id":"i-3","installation":{"id":"inst-1"},"state":"WHATEVER","furtherStep":null}]}}
            """);

        IReadOnlyList<ConnectorInstance> instances = await _host.Client.ListInstancesAsync();

        _host.AssertQuery("query ConnectorInstantiations { connectorInstantiations { " + InstanceFields + " } }", "ConnectorInstantiations", "{}", ManagementTestHost.ServiceToken);
        Assert.Equal(new FurtherStep(StepType.Redirect, "https://consent.example.com"), instances[0].FurtherStep);
        Assert.Equal(LifecycleState.Ongoing, instances[0].State);
        Assert.Equal(new FurtherStep(StepType.Markdown, "**done**"), instances[1].FurtherStep);
        Assert.Equal((LifecycleState.Unknown, null), (instances[2].State, instances[2].FurtherStep));
        Assert.False(_host.SingleQuery().Headers.ContainsKey(ManagementClient.ExternalSubjectHeader));
    }

    [Fact]
    public async Task InstantiateConnectorAsync_SubjectAndConfiguration_SendsHeaderAndVariables()
    {
        _host.AnswerQuery("""{"data":{"instantiateConnector":{"id":"i-1","installation":{"id":"inst-1"},"state":"ONGOING","stateDetails":{"why":"consent"},"furtherStep":{"type":"TEXT","content":"Press the hub's button"}}}}""");

        ConnectorInstance instance = await _host.Client.InstantiateConnectorAsync("inst-1", [new("room", "7")], externalSubjectId: "customer-42");

        _host.AssertQuery(
            "mutation InstantiateConnector($installationId: ID!, $configuration: [ConfigurationParameterValueInput!]!) { instantiateConnector(installationId: $installationId, configuration: $configuration) { " + InstanceFields + " } }",
            "InstantiateConnector",
            """{"installationId":"inst-1","configuration":[{"configurationParameterId":"room","value":"7"}]}""",
            ManagementTestHost.ServiceToken);
        Assert.Equal("customer-42", Assert.Single(_host.SingleQuery().Headers[ManagementClient.ExternalSubjectHeader]));
        Assert.Equal(("i-1", "inst-1", LifecycleState.Ongoing), (instance.Id, instance.InstallationId, instance.State));
        Assert.Equal(new FurtherStep(StepType.Text, "Press the hub's button"), instance.FurtherStep);
    }

    [Fact]
    public async Task RemoveInstanceAsync_Id_SendsVariable()
    {
        _host.AnswerQuery("""{"data":{"removeInstance":{"id":"i-1","installation":{"id":"inst-1"},"state":"REMOVAL_ONGOING","stateDetails":null,"furtherStep":null}}}""");

        ConnectorInstance removed = await _host.Client.RemoveInstanceAsync("i-1");

        _host.AssertQuery(
            "mutation RemoveInstance($instanceId: ID!) { removeInstance(instanceId: $instanceId) { " + InstanceFields + " } }",
            "RemoveInstance",
            """{"instanceId":"i-1"}""",
            ManagementTestHost.ServiceToken);
        Assert.Equal(LifecycleState.RemovalOngoing, removed.State);
    }

    [Fact]
    public async Task ExecuteAsync_Variables_SendsThemAndReturnsData()
    {
        _host.AnswerQuery("""{"data":{"things":[{"id":"t-1"}]}}""");

        JsonElement data = await _host.Client.ExecuteAsync(
            "query Things($first: Int) { things(first: $first) { id } }", new JsonObject { ["first"] = 5 }, ManagementTokenKind.Service, "customer-1");

        _host.AssertQuery("query Things($first: Int) { things(first: $first) { id } }", null, """{"first":5}""", ManagementTestHost.ServiceToken);
        Assert.Equal("t-1", data.GetProperty("things")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Call_GraphQLErrors_ThrowsWithMessagesPathsAndCode()
    {
        _host.AnswerQuery("""
            {"data":{"removeInstallation":null},"errors":[
              {"message":"installation not found","path":["removeInstallation"],"extensions":{"code":"NOT_FOUND"}},
              {"message":"second","path":["removeInstallation","affectedInstances",0,"id"]}]}
            """);

        var exception = await Assert.ThrowsAsync<ManagementGraphQLException>(() => _host.Client.RemoveInstallationAsync("nope", removeInstances: false));

        Assert.Equal(("removeInstallation", 200, "NOT_FOUND", false), (exception.Operation, exception.Status, exception.ErrorCode, exception.IsTransient));
        Assert.Equal(2, exception.Errors.Count);
        Assert.Equal(["removeInstallation"], exception.Errors[0].Path);
        Assert.Equal("installation not found", exception.Errors[0].Message);
        Assert.Equal(["removeInstallation", "affectedInstances", "0", "id"], exception.Errors[1].Path);
        Assert.Null(exception.Errors[1].Code);
    }

    [Fact]
    public async Task Call_GraphQLErrorsWithoutCodeOn400_UsesGraphQLErrorCode()
    {
        _host.AnswerQuery("""{"errors":[{"message":"Cannot query field \"x\""}]}""", status: 422);

        var exception = await Assert.ThrowsAsync<ManagementGraphQLException>(() => _host.Client.ListPublicationsAsync());

        Assert.Equal((422, ManagementErrorCodes.GraphQLError), (exception.Status, exception.ErrorCode));
        Assert.Empty(exception.Errors[0].Path);
    }

    [Fact]
    public async Task Call_ServerError_ThrowsTransientWithCodeAndRequestId()
    {
        _host.AnswerQuery("""{"error":"INTERNAL_SERVER_ERROR","description":"boom","status":500,"requestId":"req-7"}""", status: 500);

        var exception = await Assert.ThrowsAsync<ManagementException>(() => _host.Client.ListPublicationsAsync());

        Assert.Equal((500, "INTERNAL_SERVER_ERROR", "boom", "req-7", true), (exception.Status, exception.ErrorCode, exception.Description, exception.RequestId, exception.IsTransient));
    }

    [Fact]
    public async Task Call_ServerError_CatchableAsConnctdApiExceptionLikePlatformFailures()
    {
        _host.AnswerQuery("""{"error":"INTERNAL_SERVER_ERROR","description":"boom","status":500,"requestId":"req-7"}""", status: 500);

        // One catch handles management and platform failures alike.
        ConnctdApiException exception = await Assert.ThrowsAnyAsync<ConnctdApiException>(() => _host.Client.ListPublicationsAsync());

        Assert.IsType<ManagementException>(exception);
        Assert.Equal(("connectorPublications", 500, "INTERNAL_SERVER_ERROR", true), (exception.Operation, exception.Status, exception.ErrorCode, exception.IsTransient));
    }

    [Fact]
    public async Task Call_ErrorWithoutBody_ThrowsHttpError()
    {
        _host.Server.Given(Request.Create().WithPath(ManagementTestHost.QueryPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(404).WithHeader("X-Request-Id", "rid-1"));

        var exception = await Assert.ThrowsAsync<ManagementException>(() => _host.Client.ListPublicationsAsync());

        Assert.Equal((404, ManagementErrorCodes.HttpError, "rid-1", false), (exception.Status, exception.ErrorCode, exception.RequestId, exception.IsTransient));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("""{"data":null}""")]
    [InlineData("""{"data":{}}""")]
    [InlineData("""{"data":{"connectorPublications":"text"}}""")]
    public async Task Call_UnreadableAnswer_ThrowsInvalidResponse(string body)
    {
        _host.AnswerQuery(body);

        var exception = await Assert.ThrowsAsync<ManagementException>(() => _host.Client.ListPublicationsAsync());

        Assert.Equal(ManagementErrorCodes.InvalidResponse, exception.ErrorCode);
    }

    [Fact]
    public async Task Call_Unauthorized_RenewsTokenAndTriesOnce()
    {
        _host.Server.Given(Request.Create().WithPath(ManagementTestHost.QueryPath).UsingPost())
            .InScenario("expired").WillSetStateTo("renewed")
            .RespondWith(Response.Create().WithStatusCode(401));
        _host.Server.Given(Request.Create().WithPath(ManagementTestHost.QueryPath).UsingPost())
            .InScenario("expired").WhenStateIs("renewed")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"data":{"connectorPublications":[]}}"""));

        Assert.Empty(await _host.Client.ListPublicationsAsync());

        Assert.Equal(2, _host.Requests(ManagementTestHost.LoginPath).Count);
        Assert.Equal(2, _host.Requests(ManagementTestHost.QueryPath).Count);
    }

    [Fact]
    public async Task Call_UnauthorizedTwice_ThrowsAuthenticationException()
    {
        _host.AnswerQuery("""{"error":"NOT_AUTHORIZED","description":"token revoked"}""", status: 401);

        var exception = await Assert.ThrowsAsync<ManagementAuthenticationException>(() => _host.Client.ListPublicationsAsync());

        Assert.Equal((401, "NOT_AUTHORIZED"), (exception.Status, exception.ErrorCode));
        Assert.Equal(2, _host.Requests(ManagementTestHost.QueryPath).Count);
    }

    [Fact]
    public async Task Call_StaticTokenRefused_DoesNotRetry()
    {
        using var host = new ManagementTestHost(options => options.Developer.Token = "static-token");
        host.AnswerQuery("", status: 401);

        await Assert.ThrowsAsync<ManagementAuthenticationException>(() => host.Client.ListPublicationsAsync());

        Assert.Single(host.Requests(ManagementTestHost.QueryPath));
        Assert.Empty(host.Requests(ManagementTestHost.LoginPath));
    }

    [Fact]
    public async Task Call_NothingListening_ThrowsConnectionFailed()
    {
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }

        using var host = new ManagementTestHost(options =>
        {
            options.Endpoint = new Uri($"http://127.0.0.1:{port}/api/v1/query");
            options.Developer.Token = "static";
        });

        var exception = await Assert.ThrowsAsync<ManagementException>(() => host.Client.ListPublicationsAsync());

        Assert.Equal((0, ManagementErrorCodes.ConnectionFailed, true), (exception.Status, exception.ErrorCode, exception.IsTransient));
    }

    [Fact]
    public async Task Call_Cancelled_ThrowsOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _host.Client.ListPublicationsAsync(cancellation.Token));
    }

    [Fact]
    public async Task Calls_EveryOperation_LogNoSecret()
    {
        _host.AnswerQuery("""{"data":{"connectorPublications":[],"connectorInstantiations":[]}}""");
        await _host.Client.ListPublicationsAsync();
        await _host.Client.ListInstancesAsync();
        _host.Server.ResetMappings();
        _host.AnswerQuery("""{"errors":[{"message":"developer-token-SECRET is not allowed","extensions":{"code":"FORBIDDEN"}}]}""", status: 403);

        var exception = await Assert.ThrowsAsync<ManagementGraphQLException>(() => _host.Client.ListPublicationsAsync());

        _host.AssertNoSecretLogged();
        Assert.DoesNotContain(ManagementTestHost.DeveloperToken, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(ManagementTestHost.DeveloperToken, exception.Errors[0].Message, StringComparison.Ordinal);
    }
}
