using System.Security.Cryptography;

namespace Conformance.Harness.OAuth;

/// <summary>
/// The query of an authorisation request (the spec's "Authorisation request" table). The defaults are the
/// request the spec describes; a scenario changes one part to see what the server does with it (another
/// response mode, no PKCE, a scope without or with two device tokens, an unregistered redirect URI).
/// </summary>
public sealed record AuthorizationRequest
{
    public const string ApiScope = "urn:matrix:client:api:*";
    public const string DeviceScopePrefix = "urn:matrix:client:device:";

    public required string ClientId { get; init; }
    public required string RedirectUri { get; init; }
    public required string Scope { get; init; }
    public string State { get; init; } = Pkce.Base64Url(RandomNumberGenerator.GetBytes(12));
    /// <summary>Null sends no code_challenge (and no method).</summary>
    public string? CodeChallenge { get; init; }
    /// <summary>Null sends no response_mode.</summary>
    public string? ResponseMode { get; init; } = "query";

    /// <summary>The scope the spec asks for: full Client-Server API access and one device.</summary>
    public static string ScopeFor(string deviceId) => $"{ApiScope} {DeviceScopePrefix}{deviceId}";

    public static AuthorizationRequest For(string clientId, string redirectUri, string deviceId, Pkce pkce, string responseMode = "query") => new()
    {
        ClientId = clientId,
        RedirectUri = redirectUri,
        Scope = ScopeFor(deviceId),
        CodeChallenge = pkce.Challenge,
        ResponseMode = responseMode,
    };

    public Uri ToUrl(string authorizationEndpoint)
    {
        var query = new List<(string, string)> { ("response_type", "code"), ("client_id", ClientId), ("redirect_uri", RedirectUri), ("scope", Scope), ("state", State) };
        if (ResponseMode is not null) query.Add(("response_mode", ResponseMode));
        if (CodeChallenge is not null)
        {
            query.Add(("code_challenge", CodeChallenge));
            query.Add(("code_challenge_method", Pkce.Method));
        }
        var separator = authorizationEndpoint.Contains('?') ? '&' : '?';
        return new Uri(authorizationEndpoint + separator + string.Join('&', query.Select(q => $"{q.Item1}={Uri.EscapeDataString(q.Item2)}")));
    }
}
