using System.Text.Json;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Serialization;
using Connctd.Connector.Sdk.Things;

namespace Connctd.Connector.Sdk.Tests.Protocol;

/// <summary>Parsing the platform's callback bodies (and things) with <see cref="ConnctdJsonContext"/>.</summary>
public sealed class RequestJsonTests
{
    private const string InstallationExample = """
        {"id":"inst-1","token":"installation-token","state":1,
         "configuration":[{"id":"apiKey","value":"secret"},{"id":"region","value":"eu"}]}
        """;

    private const string InstantiationExample = """
        {"id":"instance-1","installation_id":"inst-1","token":"instance-token","state":1,
         "configuration":[{"id":"room","value":"kitchen"}]}
        """;

    private const string ActionExample = """
        {"id":"req-1","thingId":"thing-1","componentId":"lamp",
         "actionId":"setOn","status":"PENDING","parameters":{"on":"true","level":"42"}}
        """;

    private static InstallationRequest ParseInstallation(string json) => JsonSerializer.Deserialize(json, ConnctdJsonContext.Default.InstallationRequest)!;

    private static InstantiationRequest ParseInstantiation(string json) => JsonSerializer.Deserialize(json, ConnctdJsonContext.Default.InstantiationRequest)!;

    private static ActionRequest ParseAction(string json) => JsonSerializer.Deserialize(json, ConnctdJsonContext.Default.ActionRequest)!;

    private static Thing ParseThing(string json) => JsonSerializer.Deserialize(json, ConnctdJsonContext.Default.Thing)!;

    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    [Fact]
    public void InstallationRequest_ProtocolExample_Parsed()
    {
        InstallationRequest request = ParseInstallation(InstallationExample);

        Assert.Equal("inst-1", request.Id);
        Assert.Equal("installation-token", request.Token);
        Assert.Equal(LifecycleState.Initialized, request.State);
        Assert.Equal([new ConfigurationValue("apiKey", "secret"), new ConfigurationValue("region", "eu")], request.Configuration);
    }

    [Fact]
    public void InstallationRequest_EmptyConfiguration_Empty()
    {
        InstallationRequest request = ParseInstallation("""{"id":"i","token":"t","state":1,"configuration":[]}""");

        Assert.Empty(request.Configuration);
    }

    [Fact]
    public void InstallationRequest_NoConfigurationAndNoState_DefaultsEmptyAndUnknown()
    {
        InstallationRequest request = ParseInstallation("""{"id":"i","token":"t"}""");

        Assert.Empty(request.Configuration);
        Assert.Equal(LifecycleState.Unknown, request.State);
    }

    [Fact]
    public void InstantiationRequest_ProtocolExample_Parsed()
    {
        InstantiationRequest request = ParseInstantiation(InstantiationExample);

        Assert.Equal("instance-1", request.Id);
        Assert.Equal("inst-1", request.InstallationId);
        Assert.Equal("instance-token", request.Token);
        Assert.Equal(LifecycleState.Initialized, request.State);
        Assert.Equal([new ConfigurationValue("room", "kitchen")], request.Configuration);
    }

    [Fact]
    public void InstantiationRequest_CamelCaseInstallationId_ThrowsJsonException()
    {
        // The wire name is installation_id; installationId is just an unknown field, so the required one is missing.
        Assert.Throws<JsonException>(() => ParseInstantiation("""{"id":"i","installationId":"inst-1","token":"t","state":1,"configuration":[]}"""));
    }

    [Fact]
    public void ActionRequest_ProtocolExample_Parsed()
    {
        ActionRequest request = ParseAction(ActionExample);

        Assert.Equal(("req-1", "thing-1", "lamp", "setOn"), (request.Id, request.ThingId, request.ComponentId, request.ActionId));
        Assert.Equal(ActionStatus.Pending, request.Status);
        Assert.Equal(new Dictionary<string, string> { ["on"] = "true", ["level"] = "42" }, request.Parameters);
    }

    [Fact]
    public void ActionRequest_NoParameters_Empty()
    {
        ActionRequest request = ParseAction("""{"id":"r","thingId":"t","componentId":"c","actionId":"a","status":"PENDING"}""");

        Assert.Empty(request.Parameters);
    }

    [Fact]
    public void Requests_UnknownFields_Ignored()
    {
        InstallationRequest installation = ParseInstallation("""{"future":{"a":[1,2,{"b":null}]},"id":"i","token":"t","state":1,"configuration":[{"id":"p","value":"v","hint":"x"}],"extra":true}""");
        InstantiationRequest instance = ParseInstantiation("""{"id":"i","installation_id":"n","token":"t","state":1,"configuration":[],"customerId":42}""");
        ActionRequest action = ParseAction("""{"id":"r","thingId":"t","componentId":"c","actionId":"a","status":"PENDING","parameters":{},"priority":"high"}""");

        Assert.Equal(("i", "t"), (installation.Id, installation.Token));
        Assert.Equal([new ConfigurationValue("p", "v")], installation.Configuration);
        Assert.Equal("n", instance.InstallationId);
        Assert.Equal("r", action.Id);
    }

    [Theory]
    [InlineData("SOMETHING_NEW")]
    [InlineData("")]
    [InlineData("UNKNOWN")]
    public void ActionRequest_UnknownStatus_Unknown(string status)
    {
        ActionRequest request = ParseAction($$"""{"id":"r","thingId":"t","componentId":"c","actionId":"a","status":"{{status}}"}""");

        Assert.Equal(ActionStatus.Unknown, request.Status);
    }

    [Theory]
    [InlineData("pending", ActionStatus.Pending)]
    [InlineData("COMPLETED", ActionStatus.Completed)]
    [InlineData("FAILED", ActionStatus.Failed)]
    [InlineData("CANCELED", ActionStatus.Canceled)]
    public void ActionRequest_KnownStatus_Read(string status, ActionStatus expected)
    {
        ActionRequest request = ParseAction($$"""{"id":"r","thingId":"t","componentId":"c","actionId":"a","status":"{{status}}"}""");

        Assert.Equal(expected, request.Status);
    }

    [Theory]
    [InlineData(42)]
    [InlineData(0)]
    [InlineData(-1)]
    public void InstallationRequest_UnknownStateNumber_KeptAsNumber(int state)
    {
        InstallationRequest request = ParseInstallation($$"""{"id":"i","token":"t","state":{{state}},"configuration":[]}""");

        Assert.Equal(state, (int)request.State);
    }

    [Fact]
    public void InstantiationRequest_UnknownStateNumber_KeptAsNumber()
    {
        InstantiationRequest request = ParseInstantiation("""{"id":"i","installation_id":"n","token":"t","state":42,"configuration":[]}""");

        Assert.Equal(42, (int)request.State);
    }

    [Theory]
    [InlineData("HIBERNATING", ThingStatus.Unknown)]
    [InlineData("UNKNOWN", ThingStatus.Unknown)]
    [InlineData("AVAILABLE", ThingStatus.Available)]
    [InlineData("UNAVAILABLE", ThingStatus.Unavailable)]
    public void Thing_Status_ReadOrUnknown(string status, ThingStatus expected)
    {
        Thing thing = ParseThing($$"""{"id":"t","name":"Lamp","displayType":"core.LIGHT","mainComponentId":"lamp","status":"{{status}}","components":[]}""");

        Assert.Equal(expected, thing.Status);
    }

    [Fact]
    public void Thing_UnknownValueType_Unknown()
    {
        Thing thing = ParseThing("""{"components":[{"id":"c","properties":[{"id":"p","type":"COLOR"}],"actions":[{"id":"a","parameters":[{"name":"x","type":"COLOR"}]}]}]}""");

        Assert.Equal(PropertyValueType.Unknown, thing.Components[0].Properties[0].Type);
        Assert.Equal(PropertyValueType.Unknown, thing.Components[0].Actions[0].Parameters[0].Type);
    }

    [Fact]
    public void Thing_LastUpdateWithOffset_Read()
    {
        Thing thing = ParseThing("""{"components":[{"id":"c","properties":[{"id":"p","type":"NUMBER","lastUpdate":"2020-10-07T12:00:00.5+02:00"}]}]}""");

        Assert.Equal(new DateTimeOffset(2020, 10, 7, 10, 0, 0, 500, TimeSpan.Zero), thing.Components[0].Properties[0].LastUpdate);
    }

    [Theory]
    [InlineData("""{"components":[{"id":"c","properties":[{"id":"p","lastUpdate":"yesterday"}]}]}""")]
    [InlineData("""{"components":[{"id":"c","properties":[{"id":"p","lastUpdate":5}]}]}""")]
    [InlineData("""{"status":1}""")]
    [InlineData("""{"components":[{"id":"c","properties":[{"id":"p","type":3}]}]}""")]
    [InlineData("""{"components":{}}""")]
    [InlineData("""{"attributes":[{"name":"a","value":1}]}""")]
    public void Thing_WrongJsonTypes_ThrowJsonException(string json)
    {
        Assert.Throws<JsonException>(() => ParseThing(json));
    }

    public static TheoryData<string> MissingRequiredInstallation => new()
    {
        """{"token":"t","state":1,"configuration":[]}""",
        """{"id":"i","state":1,"configuration":[]}""",
        """{"id":"i","token":"t","configuration":[{"value":"v"}]}""",
        """{"id":"i","token":"t","configuration":[{"id":"p"}]}""",
    };

    [Theory]
    [MemberData(nameof(MissingRequiredInstallation))]
    public void InstallationRequest_MissingRequiredField_ThrowsJsonException(string json)
    {
        Assert.Throws<JsonException>(() => ParseInstallation(json));
    }

    [Theory]
    [InlineData("""{"installation_id":"n","token":"t","state":1,"configuration":[]}""")]
    [InlineData("""{"id":"i","token":"t","state":1,"configuration":[]}""")]
    [InlineData("""{"id":"i","installation_id":"n","state":1,"configuration":[]}""")]
    public void InstantiationRequest_MissingRequiredField_ThrowsJsonException(string json)
    {
        Assert.Throws<JsonException>(() => ParseInstantiation(json));
    }

    [Theory]
    [InlineData("""{"thingId":"t","componentId":"c","actionId":"a","status":"PENDING"}""")]
    [InlineData("""{"id":"r","componentId":"c","actionId":"a","status":"PENDING"}""")]
    [InlineData("""{"id":"r","thingId":"t","actionId":"a","status":"PENDING"}""")]
    [InlineData("""{"id":"r","thingId":"t","componentId":"c","status":"PENDING"}""")]
    public void ActionRequest_MissingRequiredField_ThrowsJsonException(string json)
    {
        Assert.Throws<JsonException>(() => ParseAction(json));
    }

    [Theory]
    [InlineData("""{"id":null,"token":"t","state":1,"configuration":[]}""")]
    [InlineData("""{"id":"i","token":null,"state":1,"configuration":[]}""")]
    [InlineData("""{"id":"i","token":"t","state":1,"configuration":null}""")]
    [InlineData("""{"id":"i","token":"t","state":1,"configuration":[null]}""")]
    [InlineData("""{"id":"i","token":"t","state":1,"configuration":[{"id":null,"value":"v"}]}""")]
    [InlineData("""{"id":"i","token":"t","state":1,"configuration":[{"id":"p","value":null}]}""")]
    public void InstallationRequest_NullWhereTextIsRequired_ThrowsJsonException(string json)
    {
        Assert.Throws<JsonException>(() => ParseInstallation(json));
    }

    [Theory]
    [InlineData("""{"id":"i","installation_id":null,"token":"t","state":1,"configuration":[]}""")]
    [InlineData("""{"id":"i","installation_id":"n","token":"t","state":1,"configuration":[null]}""")]
    public void InstantiationRequest_NullWhereTextIsRequired_ThrowsJsonException(string json)
    {
        Assert.Throws<JsonException>(() => ParseInstantiation(json));
    }

    [Theory]
    [InlineData("""{"id":null,"thingId":"t","componentId":"c","actionId":"a","status":"PENDING"}""")]
    [InlineData("""{"id":"r","thingId":"t","componentId":"c","actionId":"a","status":"PENDING","parameters":null}""")]
    [InlineData("""{"id":"r","thingId":"t","componentId":"c","actionId":"a","status":"PENDING","parameters":{"on":null}}""")]
    public void ActionRequest_NullWhereTextIsRequired_ThrowsJsonException(string json)
    {
        Assert.Throws<JsonException>(() => ParseAction(json));
    }

    [Theory]
    [InlineData("""{"id":"i","id":"j","token":"t","state":1,"configuration":[]}""")]
    [InlineData("""{"id":"i","token":"t","token":"u","state":1,"configuration":[]}""")]
    [InlineData("""{"id":"i","token":"t","state":1,"state":2,"configuration":[]}""")]
    [InlineData("""{"id":"i","token":"t","state":1,"configuration":[],"configuration":[]}""")]
    [InlineData("""{"id":"i","token":"t","state":1,"configuration":[{"id":"p","id":"q","value":"v"}]}""")]
    public void InstallationRequest_DuplicateProperty_ThrowsJsonException(string json)
    {
        Assert.Throws<JsonException>(() => ParseInstallation(json));
    }

    [Theory]
    [InlineData("""{"id":"r","thingId":"t","componentId":"c","actionId":"a","actionId":"b","status":"PENDING"}""")]
    [InlineData("""{"id":"r","thingId":"t","componentId":"c","actionId":"a","status":"PENDING","parameters":{"on":"true","on":"false"}}""")]
    public void ActionRequest_DuplicateProperty_ThrowsJsonException(string json)
    {
        Assert.Throws<JsonException>(() => ParseAction(json));
    }

    [Fact]
    public void InstantiationRequest_DuplicateInstallationId_ThrowsJsonException()
    {
        Assert.Throws<JsonException>(() => ParseInstantiation("""{"id":"i","installation_id":"n","installation_id":"m","token":"t","state":1,"configuration":[]}"""));
    }

    [Theory]
    [InlineData(" x")]
    [InlineData("{}")]
    [InlineData(",")]
    [InlineData("]")]
    [InlineData("null")]
    public void Requests_TrailingGarbage_ThrowJsonException(string garbage)
    {
        Assert.Throws<JsonException>(() => ParseInstallation(InstallationExample + garbage));
        Assert.Throws<JsonException>(() => ParseInstantiation(InstantiationExample + garbage));
        Assert.Throws<JsonException>(() => ParseAction(ActionExample + garbage));
    }

    [Fact]
    public void Requests_TrailingWhitespace_Accepted()
    {
        Assert.Equal("inst-1", ParseInstallation(InstallationExample + " \r\n\t").Id);
    }

    [Fact]
    public void Requests_DeeperThan32_ThrowJsonException()
    {
        // The request object itself is the first level.
        Assert.Throws<JsonException>(() => ParseInstallation($$"""{"id":"i","token":"t","configuration":[],"future":{{Nested(32)}}}"""));
        Assert.Throws<JsonException>(() => ParseAction($$"""{"id":"r","thingId":"t","componentId":"c","actionId":"a","x":{{Nested(40)}}}"""));
        Assert.Throws<JsonException>(() => ParseInstantiation($$"""{"id":"i","installation_id":"n","token":"t","x":{{Nested(1000)}}}"""));
    }

    [Fact]
    public void Requests_AtDepth32_Accepted()
    {
        InstallationRequest request = ParseInstallation($$"""{"id":"i","token":"t","configuration":[],"future":{{Nested(31)}}}""");

        Assert.Equal("i", request.Id);
    }

    [Theory]
    [InlineData("""{"id":"i","token":"t","state":1,"configuration":"x"}""")]
    [InlineData("""{"id":"i","token":"t","state":1,"configuration":{}}""")]
    [InlineData("""{"id":"i","token":"t","state":1,"configuration":[1]}""")]
    [InlineData("""{"id":"i","token":"t","state":1,"configuration":["p=v"]}""")]
    [InlineData("""{"id":"i","token":"t","state":1,"configuration":[{"id":"p","value":5}]}""")]
    [InlineData("""{"id":"i","token":"t","state":1,"configuration":[{"id":"p","value":true}]}""")]
    [InlineData("""{"id":5,"token":"t","state":1,"configuration":[]}""")]
    [InlineData("""{"id":"i","token":{},"state":1,"configuration":[]}""")]
    [InlineData("""{"id":"i","token":"t","state":"COMPLETE","configuration":[]}""")]
    [InlineData("""{"id":"i","token":"t","state":"1","configuration":[]}""")]
    [InlineData("""{"id":"i","token":"t","state":1.5,"configuration":[]}""")]
    [InlineData("""{"id":"i","token":"t","state":99999999999,"configuration":[]}""")]
    [InlineData("""{"id":"i","token":"t","state":true,"configuration":[]}""")]
    [InlineData("""[]""")]
    [InlineData(""""x"""")]
    [InlineData("""5""")]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("""{"id":"i",}""")]
    [InlineData("""{'id':'i','token':'t'}""")]
    [InlineData("""{"id":"i","token":"t"/*c*/}""")]
    public void InstallationRequest_WrongJson_ThrowsJsonException(string json)
    {
        Assert.Throws<JsonException>(() => ParseInstallation(json));
    }

    [Theory]
    [InlineData("""{"id":"i","installation_id":5,"token":"t","state":1,"configuration":[]}""")]
    [InlineData("""{"id":"i","installation_id":"n","token":"t","state":1,"configuration":"x"}""")]
    [InlineData("""{"id":"i","installation_id":"n","token":"t","state":1,"configuration":[[]]}""")]
    public void InstantiationRequest_WrongJsonTypes_ThrowJsonException(string json)
    {
        Assert.Throws<JsonException>(() => ParseInstantiation(json));
    }

    [Theory]
    [InlineData("""{"id":"r","thingId":"t","componentId":"c","actionId":"a","status":"PENDING","parameters":[1]}""")]
    [InlineData("""{"id":"r","thingId":"t","componentId":"c","actionId":"a","status":"PENDING","parameters":[]}""")]
    [InlineData("""{"id":"r","thingId":"t","componentId":"c","actionId":"a","status":"PENDING","parameters":"on=true"}""")]
    [InlineData("""{"id":"r","thingId":"t","componentId":"c","actionId":"a","status":"PENDING","parameters":{"on":true}}""")]
    [InlineData("""{"id":"r","thingId":"t","componentId":"c","actionId":"a","status":"PENDING","parameters":{"level":42}}""")]
    [InlineData("""{"id":"r","thingId":"t","componentId":"c","actionId":"a","status":"PENDING","parameters":{"p":{}}}""")]
    [InlineData("""{"id":5,"thingId":"t","componentId":"c","actionId":"a","status":"PENDING"}""")]
    [InlineData("""{"id":"r","thingId":["t"],"componentId":"c","actionId":"a","status":"PENDING"}""")]
    [InlineData("""{"id":"r","thingId":"t","componentId":"c","actionId":"a","status":1}""")]
    [InlineData("""{"id":"r","thingId":"t","componentId":"c","actionId":"a","status":null}""")]
    public void ActionRequest_WrongJsonTypes_ThrowJsonException(string json)
    {
        Assert.Throws<JsonException>(() => ParseAction(json));
    }

    [Fact]
    public void InstallationRequest_Utf8Bytes_Parsed()
    {
        byte[] body = "{\"id\":\"i\",\"token\":\"t\",\"state\":1,\"configuration\":[{\"id\":\"name\",\"value\":\"K\u00fcche \ud83d\udca1\"}]}"u8.ToArray();

        InstallationRequest request = JsonSerializer.Deserialize(body, ConnctdJsonContext.Default.InstallationRequest)!;

        Assert.Equal("Küche 💡", request.Configuration[0].Value);
    }

    [Fact]
    public void InstallationRequest_InvalidUtf8Bytes_ThrowsJsonException()
    {
        byte[] body = [.. "{\"id\":\"i\",\"token\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(body, ConnctdJsonContext.Default.InstallationRequest));
    }

    [Fact]
    public void CreateThingResponse_PlatformAnswer_Parsed()
    {
        CreateThingResponse response = JsonSerializer.Deserialize("""{"id":"thing-1","extra":"x"}""", ConnctdJsonContext.Default.CreateThingResponse)!;

        Assert.Equal("thing-1", response.Id);
    }

    [Fact]
    public void ErrorResponse_PlatformError_ParsedWithRequestId()
    {
        ErrorResponse error = JsonSerializer.Deserialize("""{"error":"INSTANCE_NOT_FOUND","description":"no such instance","status":404,"requestId":"abc"}""", ConnctdJsonContext.Default.ErrorResponse)!;

        Assert.Equal((ErrorCodes.InstanceNotFound, 404, "abc"), (error.Error, error.Status, error.RequestId));
    }
}
