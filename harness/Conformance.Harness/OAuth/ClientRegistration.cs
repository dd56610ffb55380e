using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;

namespace Conformance.Harness.OAuth;

/// <summary>
/// The suite's dynamic client registration request: the plainest one the client metadata rules allow, so a
/// server that refuses it refuses clients in general. A native public client (<c>application_type:
/// native</c>, <c>token_endpoint_auth_method: none</c>, which the homeserver must support) using the
/// authorisation code and refresh token grants, with a loopback redirect URI without a port (the server
/// must then accept any port). <c>client_uri</c> is required; an https page on a domain reserved for
/// examples, with no user or password, is valid by every rule the spec gives. Nothing optional is sent
/// (no name, logo, terms or policy URIs), so no rule about them can be the reason for a refusal.
/// </summary>
public static class ClientRegistration
{
    public const string ClientUri = "https://conformance.example.org/";

    /// <summary>What the request is, for the logs: it is shown beside the request wherever it is recorded.</summary>
    public const string Plainest = "the plainest conformant request: only what the spec requires of a native public client of the code and refresh grants";

    public static JsonObject Request(string redirectUri) => Native(ClientUri, redirectUri);

    /// <summary>A native public client of <paramref name="clientUri"/> for the code and refresh grants.</summary>
    public static JsonObject Native(string clientUri, string redirectUri) => Client("native", clientUri, redirectUri);

    /// <summary>A web public client of <paramref name="clientUri"/> for the code and refresh grants.</summary>
    public static JsonObject Web(string clientUri, string redirectUri) => Client("web", clientUri, redirectUri);

    private static JsonObject Client(string applicationType, string clientUri, string redirectUri) => new()
    {
        ["client_uri"] = clientUri,
        ["application_type"] = applicationType,
        ["redirect_uris"] = new JsonArray(redirectUri),
        ["token_endpoint_auth_method"] = "none",
        ["response_types"] = new JsonArray("code"),
        ["grant_types"] = new JsonArray("authorization_code", "refresh_token"),
    };

    /// <summary>The skip a refused registration means: the server keeps registration to clients it knows,
    /// which it may (the spec says registration "should" be dynamic); the detection is what was sent and
    /// what came back.</summary>
    public static Judgement Refused(string endpoint, string redirectUri, MatrixResponse answer)
    {
        var said = answer.StringField("error") is { } error ? $"{answer.Status} {error}: {answer.StringField("error_description")}".TrimEnd(' ', ':') : answer.Summary();
        return Judgement.Skip(
            "The server refused the suite's OAuth 2.0 client registration, so no token could be obtained through the OAuth 2.0 API. "
            + "If the server keeps registration to known clients, give one in the profile (oauth.client_id).",
            $"POST {endpoint} with {Request(redirectUri).ToJsonString()} answered {said}");
    }
}
