using Connctd.Connector.Sdk.AspNetCore;
using Connctd.Connector.Sdk.Upstream.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static Connctd.Connector.Sdk.Upstream.Tests.Infrastructure.UpstreamServices;

namespace Connctd.Connector.Sdk.Upstream.Tests.Upstream;

/// <summary>Every log line at Trace level, of every component, is free of credentials, for every authentication kind.</summary>
public sealed class UpstreamSecretLoggingTests : IDisposable
{
    private const string Secret = "s3cr3t-VALUE-9f8e7d";
    private readonly UpstreamStub _stub = new();

    public void Dispose() => _stub.Dispose();

    public static TheoryData<UpstreamAuthenticationKind, UpstreamApiKeyLocation> Kinds => new()
    {
        { UpstreamAuthenticationKind.ApiKey, UpstreamApiKeyLocation.Header },
        { UpstreamAuthenticationKind.ApiKey, UpstreamApiKeyLocation.Query },
        { UpstreamAuthenticationKind.Basic, UpstreamApiKeyLocation.Header },
        { UpstreamAuthenticationKind.BearerToken, UpstreamApiKeyLocation.Header },
        { UpstreamAuthenticationKind.OAuth2ClientCredentials, UpstreamApiKeyLocation.Header },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Logs_SuccessRetriesCircuitAndFailures_NeverContainTheSecret(UpstreamAuthenticationKind kind, UpstreamApiKeyLocation location)
    {
        // The token endpoint hands out a token that is itself a secret; the API echoes nothing.
        _stub.Server.Given(Request.Create().WithPath("/oauth2/token").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody($$"""{"access_token":"{{Secret}}-token","expires_in":3600}"""));
        using UpstreamServices services = Create(_stub, options =>
        {
            options.Authentication.Kind = kind;
            options.Authentication.ApiKeyLocation = location;
            options.Resilience.MaxRetries = 1;
            options.Resilience.CircuitBreakerThreshold = 2;
            options.Scope = UpstreamResilienceScope.Instance;
        });
        Installation installation = Installation(
            "inst-1", ("apiKey", Secret), ("username", "alice"), ("password", Secret), ("token", Secret), ("clientId", "client"), ("clientSecret", Secret));
        UpstreamApiClient healthy = services.Factory.CreateClient("api", installation, Instance("i-1", "inst-1"));
        UpstreamApiClient client = services.Factory.CreateClient("api", installation, Instance("i-2", "inst-1"));

        using (HttpResponseMessage ok = await healthy.GetAsync("things?debug=1"))
        {
        }

        _stub.AnswerStatus(503, "/api/things");
        for (int i = 0; i < 3; i++)
        {
            try
            {
                using HttpResponseMessage failed = await client.GetAsync("things");
            }
            catch (UpstreamApiException exception)
            {
                Assert.DoesNotContain(Secret, exception.ToString(), StringComparison.Ordinal);
            }
        }

        string logs = services.AllLogText();
        Assert.Contains("3201", string.Join(',', services.Logs.GetSnapshot().Select(record => record.Id.Id)), StringComparison.Ordinal);
        Assert.Contains("3204", string.Join(',', services.Logs.GetSnapshot().Select(record => record.Id.Id)), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, logs, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("alice:" + Secret)), logs, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("client:" + Secret)), logs, StringComparison.Ordinal);
    }
}
