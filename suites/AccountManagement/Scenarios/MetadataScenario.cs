using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Harness.OAuth;
using Conformance.Suites.Common;
using RestSharp;

namespace Conformance.Suites.AccountManagement.Scenarios;

/// <summary>
/// Everything about discovery that needs no user: the metadata document (no token), an OPTIONS
/// pre-flight, GET /login, and the legacy and unstable discovery forms.
/// </summary>
public sealed class MetadataScenario
{
    public required MatrixResponse Metadata { get; init; }
    public required MatrixResponse Options { get; init; }
    public required MatrixResponse Login { get; init; }
    public required MatrixResponse UnstableMetadata { get; init; }
    public required MatrixResponse AuthIssuer { get; init; }
    public required MatrixResponse WellKnown { get; init; }
    public required OAuthSupport Support { get; init; }

    public JsonObject? Document => Support.Supported ? Metadata.Object : null;

    /// <summary>Set when the server has no OAuth 2.0 API: every OAuth-dependent check is skipped with it.</summary>
    public Judgement? NoOAuth => Support.Supported ? null
        : Judgement.Skip("The server does not offer the OAuth 2.0 API.", Support.Detection);

    /// <summary>The account management URL when it is advertised as an absolute URI.</summary>
    public Uri? AccountUri =>
        Document?["account_management_uri"] is JsonValue v && v.TryGetValue<string>(out var s) && Uri.TryCreate(s, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" ? u : null;

    /// <summary>The advertised actions, when they are an array of strings.</summary>
    public IReadOnlyList<string>? Actions =>
        Document?["account_management_actions_supported"] is JsonArray a && a.All(i => i is JsonValue v && v.TryGetValue<string>(out _))
            ? a.Select(i => i!.GetValue<string>()).ToList() : null;

    /// <summary>Why the deep-link checks cannot run (no OAuth API, or no usable account_management_uri), or null.</summary>
    public Judgement? NoAccountUri => NoOAuth ?? (AccountUri is null
        ? Judgement.Skip("The server does not advertise a usable account_management_uri.",
            Document?.ContainsKey("account_management_uri") == true ? $"account_management_uri is {Document["account_management_uri"]?.ToJsonString()}" : "the metadata has no account_management_uri")
        : null);

    public bool Advertises(string action) => Actions?.Contains(action) == true;

    public static async Task<MetadataScenario> RunAsync(SuiteContext ctx)
    {
        var client = ctx.Client;
        var ct = ctx.Cancellation;
        var support = await OAuthSupport.DetectAsync(client, ct);
        // A browser's CORS pre-flight, as a web client would send it.
        var options = MatrixRequest.Options("/_matrix/client/v1/auth_metadata");
        options.AddHeader("Origin", "https://client.example.org");
        options.AddHeader("Access-Control-Request-Method", "GET");
        var scenario = new MetadataScenario
        {
            Metadata = support.Response,
            Support = support,
            Options = await client.ExecuteAsync(options, ct),
            Login = await client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/v3/login"), ct),
            UnstableMetadata = await client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/unstable/org.matrix.msc2965/auth_metadata"), ct),
            AuthIssuer = await client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/v1/auth_issuer"), ct),
            WellKnown = await client.ExecuteAsync(MatrixRequest.Get("/.well-known/matrix/client"), ct),
        };
        ctx.Sink.Feature("oauth", support.Detection);
        if (scenario.AccountUri is { } uri) ctx.Sink.Feature("account-management", $"{uri} ({string.Join(", ", scenario.Actions ?? [])})");
        return scenario;
    }
}
