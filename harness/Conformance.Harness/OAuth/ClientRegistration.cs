using System.Text.Json.Nodes;

namespace Conformance.Harness.OAuth;

/// <summary>
/// The suite's dynamic client registration request: the plainest one the client metadata rules allow, so a
/// server that refuses it refuses clients in general. A native public client (<c>application_type:
/// native</c>, <c>token_endpoint_auth_method: none</c>, which the homeserver must support) using the
/// authorisation code and refresh token grants, with a loopback redirect URI without a port (the server
/// must then accept any port). <c>client_uri</c> is required; an https page on a domain reserved for
/// examples, with no user or password, is valid by every rule the spec gives.
/// </summary>
public static class ClientRegistration
{
    public const string ClientUri = "https://conformance.example.org/";
    public const string ClientName = "Matrix account conformance suite";

    public static JsonObject Request(string redirectUri) => new()
    {
        ["client_name"] = ClientName,
        ["client_uri"] = ClientUri,
        ["application_type"] = "native",
        ["redirect_uris"] = new JsonArray(redirectUri),
        ["token_endpoint_auth_method"] = "none",
        ["response_types"] = new JsonArray("code"),
        ["grant_types"] = new JsonArray("authorization_code", "refresh_token"),
    };
}
