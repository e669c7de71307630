using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Connctd.Connector.Sdk.Protocol;
using Connctd.Connector.Sdk.Serialization;
using Connctd.Connector.Sdk.Things;

namespace Connctd.Connector.Sdk.Tests.Protocol;

/// <summary>Writing the connector's answers and the platform API bodies with <see cref="ConnctdJsonContext"/>.</summary>
public sealed class ResponseJsonTests
{
    private static JsonElement Json(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static void AssertJson<T>(string expected, T value, JsonTypeInfo<T> typeInfo)
    {
        string actual = JsonSerializer.Serialize(value, typeInfo);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"expected {expected}, got {actual}");
    }

    [Fact]
    public void SetupResponse_DetailsAndFurtherStep_Written()
    {
        var response = new SetupResponse
        {
            Details = Json("""{"attempt":1,"tags":["a",null],"ok":true}"""),
            FurtherStep = FurtherStep.RedirectTo(new Uri("https://example.com/consent?state=abc")),
        };

        AssertJson("""{"details":{"attempt":1,"tags":["a",null],"ok":true},"furtherStep":{"type":3,"content":"https://example.com/consent?state=abc"}}""", response, ConnctdJsonContext.Default.SetupResponse);
    }

    [Fact]
    public void SetupResponse_Empty_WritesEmptyObject()
    {
        Assert.Equal("{}", JsonSerializer.Serialize(new SetupResponse(), ConnctdJsonContext.Default.SetupResponse));
    }

    [Fact]
    public void SetupResponse_OnlyFurtherStep_NoDetails()
    {
        AssertJson("""{"furtherStep":{"type":2,"content":"**Press** the button"}}""", new SetupResponse { FurtherStep = FurtherStep.FromMarkdown("**Press** the button") }, ConnctdJsonContext.Default.SetupResponse);
    }

    [Fact]
    public void SetupResponse_OnlyDetails_NoFurtherStep()
    {
        AssertJson("""{"details":"just text"}""", new SetupResponse { Details = Json("\"just text\"") }, ConnctdJsonContext.Default.SetupResponse);
    }

    [Fact]
    public void SetupResponse_TextStep_TypeOne()
    {
        AssertJson("""{"furtherStep":{"type":1,"content":"Wait for the e-mail."}}""", new SetupResponse { FurtherStep = FurtherStep.FromText("Wait for the e-mail.") }, ConnctdJsonContext.Default.SetupResponse);
    }

    [Fact]
    public void SetupResponse_DetailsNullLiteral_WrittenAsNull()
    {
        AssertJson("""{"details":null}""", new SetupResponse { Details = Json("null") }, ConnctdJsonContext.Default.SetupResponse);
    }

    [Theory]
    [InlineData(ActionStatus.Pending, null, """{"id":"req-1","status":"PENDING"}""")]
    [InlineData(ActionStatus.Failed, "lamp unreachable", """{"id":"req-1","status":"FAILED","error":"lamp unreachable"}""")]
    public void ActionResponse_Written(ActionStatus status, string? error, string expected)
    {
        AssertJson(expected, new ActionResponse { Id = "req-1", Status = status, Error = error }, ConnctdJsonContext.Default.ActionResponse);
    }

    [Fact]
    public void ErrorResponse_NoRequestId_RequestIdOmitted()
    {
        AssertJson(
            """{"error":"BAD_SIGNATURE","description":"Signature seems to be invalid","status":400}""",
            new ErrorResponse { Error = ErrorCodes.BadSignature, Description = "Signature seems to be invalid", Status = 400 },
            ConnctdJsonContext.Default.ErrorResponse);
    }

    [Fact]
    public void ErrorResponse_RequestId_Written()
    {
        AssertJson(
            """{"error":"INSTANCE_NOT_FOUND","description":"unknown instance","status":404,"requestId":"r-7"}""",
            new ErrorResponse { Error = ErrorCodes.InstanceNotFound, Description = "unknown instance", Status = 404, RequestId = "r-7" },
            ConnctdJsonContext.Default.ErrorResponse);
    }

    [Fact]
    public void CreateThingRequest_ProtocolExampleThing_WrappedInThing()
    {
        Thing thing = new ThingBuilder("Lamp", "core.LIGHT")
            .WithManufacturer("ACME")
            .WithAttribute("serial", "42")
            .AddComponent("lamp", "core.Lamp", c => c
                .WithName("Lamp")
                .WithCapability("core.SWITCHABLE")
                .AddProperty("on", PropertyValueType.Boolean, p => p.WithValue(false).WithPropertyType("core.ONOFF").WithLastUpdate(new DateTimeOffset(2020, 10, 7, 10, 0, 0, TimeSpan.Zero)))
                .AddAction("setOn", a => a.AddParameter("on", PropertyValueType.Boolean)))
            .Build();

        AssertJson(
            """
            {"thing":{"id":"","name":"Lamp","manufacturer":"ACME","displayType":"core.LIGHT","mainComponentId":"lamp",
             "status":"AVAILABLE","attributes":[{"name":"serial","value":"42"}],
             "components":[{"id":"lamp","name":"Lamp","componentType":"core.Lamp","capabilities":["core.SWITCHABLE"],
               "properties":[{"id":"on","name":"on","value":"false","unit":"","type":"BOOLEAN",
                              "lastUpdate":"2020-10-07T10:00:00Z","propertyType":"core.ONOFF"}],
               "actions":[{"id":"setOn","name":"setOn","parameters":[{"name":"on","type":"BOOLEAN"}]}]}]}}
            """,
            new CreateThingRequest(thing),
            ConnctdJsonContext.Default.CreateThingRequest);
    }

    [Fact]
    public void PropertyValueUpdate_UtcTime_WrittenWithZ()
    {
        AssertJson(
            """{"value":"true","lastUpdate":"2020-10-07T10:00:00Z"}""",
            new PropertyValueUpdate("true", new DateTimeOffset(2020, 10, 7, 10, 0, 0, TimeSpan.Zero)),
            ConnctdJsonContext.Default.PropertyValueUpdate);
    }

    [Theory]
    [InlineData(2, 0, "2020-10-07T10:00:00Z")]
    [InlineData(-5, -30, "2020-10-07T17:30:00Z")]
    [InlineData(14, 0, "2020-10-06T22:00:00Z")]
    public void PropertyValueUpdate_OffsetTime_ConvertedToUtc(int offsetHours, int offsetMinutes, string expected)
    {
        var local = new DateTimeOffset(2020, 10, 7, 12, 0, 0, new TimeSpan(offsetHours, offsetMinutes, 0));

        string json = JsonSerializer.Serialize(new PropertyValueUpdate("21.5", local), ConnctdJsonContext.Default.PropertyValueUpdate);

        Assert.Equal(expected, JsonNode.Parse(json)!["lastUpdate"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(5_000_000, "2020-10-07T10:00:00.5Z")]
    [InlineData(1_230_000, "2020-10-07T10:00:00.123Z")]
    [InlineData(1, "2020-10-07T10:00:00.0000001Z")]
    public void PropertyValueUpdate_FractionalSeconds_WrittenWithoutTrailingZeros(long ticks, string expected)
    {
        var time = new DateTimeOffset(2020, 10, 7, 10, 0, 0, TimeSpan.Zero).AddTicks(ticks);

        string json = JsonSerializer.Serialize(new PropertyValueUpdate("1", time), ConnctdJsonContext.Default.PropertyValueUpdate);

        Assert.Equal(expected, JsonNode.Parse(json)!["lastUpdate"]!.GetValue<string>());
    }

    [Fact]
    public void PropertyValueUpdate_RoundTrip_SameInstant()
    {
        var original = new PropertyValueUpdate("on", new DateTimeOffset(2020, 10, 7, 12, 0, 0, 250, TimeSpan.FromHours(2)));

        PropertyValueUpdate read = JsonSerializer.Deserialize(JsonSerializer.Serialize(original, ConnctdJsonContext.Default.PropertyValueUpdate), ConnctdJsonContext.Default.PropertyValueUpdate)!;

        Assert.Equal(original.LastUpdate.UtcDateTime, read.LastUpdate.UtcDateTime);
        Assert.Equal("on", read.Value);
    }

    [Theory]
    [InlineData(ThingStatus.Available, """{"status":"AVAILABLE"}""")]
    [InlineData(ThingStatus.Unavailable, """{"status":"UNAVAILABLE"}""")]
    public void ThingStatusUpdate_Written(ThingStatus status, string expected)
    {
        AssertJson(expected, new ThingStatusUpdate(status), ConnctdJsonContext.Default.ThingStatusUpdate);
    }

    [Fact]
    public void ActionRequestUpdate_NoError_ErrorOmitted()
    {
        AssertJson("""{"status":"COMPLETED"}""", new ActionRequestUpdate(ActionStatus.Completed), ConnctdJsonContext.Default.ActionRequestUpdate);
    }

    [Fact]
    public void ActionRequestUpdate_Error_Written()
    {
        AssertJson("""{"status":"FAILED","error":"device offline"}""", new ActionRequestUpdate(ActionStatus.Failed, "device offline"), ConnctdJsonContext.Default.ActionRequestUpdate);
    }

    [Theory]
    [InlineData(LifecycleState.Complete, """{"state":2}""")]
    [InlineData(LifecycleState.Ongoing, """{"state":3}""")]
    [InlineData(LifecycleState.Failed, """{"state":4}""")]
    public void StateUpdate_NoDetails_NumericStateOnly(LifecycleState state, string expected)
    {
        AssertJson(expected, new StateUpdate(state), ConnctdJsonContext.Default.StateUpdate);
    }

    [Fact]
    public void StateUpdate_Details_NumericStateAndDetails()
    {
        AssertJson(
            """{"state":4,"details":{"reason":"consent denied","retry":false}}""",
            new StateUpdate(LifecycleState.Failed, Json("""{"reason":"consent denied","retry":false}""")),
            ConnctdJsonContext.Default.StateUpdate);
    }

    [Fact]
    public void StateUpdate_UnknownStateNumber_WrittenAsNumber()
    {
        AssertJson("""{"state":42}""", new StateUpdate((LifecycleState)42), ConnctdJsonContext.Default.StateUpdate);
    }

    [Fact]
    public void Serialize_NonAsciiText_WrittenAsUtf8RoundTrips()
    {
        var update = new PropertyValueUpdate("Küche 💡 <b>&\"", new DateTimeOffset(2020, 10, 7, 10, 0, 0, TimeSpan.Zero));

        byte[] json = JsonSerializer.SerializeToUtf8Bytes(update, ConnctdJsonContext.Default.PropertyValueUpdate);

        Assert.Equal(update.Value, JsonSerializer.Deserialize(json, ConnctdJsonContext.Default.PropertyValueUpdate)!.Value);
    }
}
