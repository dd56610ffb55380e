using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Harness.OAuth;
using Conformance.Suites.AccountManagement.Observations;
using Conformance.Suites.Common;
using RestSharp;

namespace Conformance.Suites.AccountManagement.Scenarios;

/// <summary>
/// Everything about discovery that needs no user: the metadata document (no token, asked for by the
/// OAuth 2.0 detection), an OPTIONS pre-flight, GET /login, and the legacy and unstable discovery forms.
/// </summary>
public static class MetadataScenario
{
    public static async Task<MetadataObservations> RunAsync(SuiteContext ctx, OAuthSupport support)
    {
        var client = ctx.Client;
        var ct = ctx.Cancellation;
        // A browser's CORS pre-flight, as a web client would send it.
        var options = MatrixRequest.Options("/_matrix/client/v1/auth_metadata");
        options.AddHeader("Origin", "https://client.example.org");
        options.AddHeader("Access-Control-Request-Method", "GET");
        var observations = new MetadataObservations
        {
            Metadata = support.Response,
            MetadataWithToken = support.WithToken,
            Document = support.Metadata.Missing is { Verdict: Verdict.Skip }
                ? Observed.NotSeen<JsonObject>(Judgement.Skip("The server does not offer the OAuth 2.0 API.", support.Detection))
                : support.Metadata,
            Options = await client.ExecuteAsync(options, ct),
            Login = await client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/v3/login"), ct),
            UnstableMetadata = await client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/unstable/org.matrix.msc2965/auth_metadata"), ct),
            AuthIssuer = await client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/v1/auth_issuer"), ct),
            WellKnown = await client.ExecuteAsync(MatrixRequest.Get("/.well-known/matrix/client"), ct),
        };
        ctx.Sink.Feature("oauth", support.Detection);
        if (observations.AccountManagement.TryGet(out var account, out _))
            ctx.Sink.Feature("account-management", $"{account.Uri} ({string.Join(", ", account.Actions)})");
        return observations;
    }
}
