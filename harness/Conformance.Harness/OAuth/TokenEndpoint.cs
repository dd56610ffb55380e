using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Harness.Profiles;
using RestSharp;

namespace Conformance.Harness.OAuth;

/// <summary>
/// The OAuth 2.0 API's form-encoded endpoints, as the metadata names them: the token endpoint's grants,
/// token revocation and the device authorisation request. Each call returns the server's answer as it
/// is, for a check to judge; a profile's confidential client sends its secret (client_secret_post).
/// </summary>
public sealed class TokenEndpoint(OAuthSupport support, OAuthSection settings, MatrixClient client)
{
    public const string DeviceCodeGrant = "urn:ietf:params:oauth:grant-type:device_code";

    public Task<MatrixResponse> AuthorizationCodeAsync(string clientId, string code, string redirectUri, string? codeVerifier, CancellationToken ct) =>
        PostAsync("token_endpoint", clientId, new() { ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirectUri, ["code_verifier"] = codeVerifier }, ct);

    public Task<MatrixResponse> RefreshAsync(string clientId, string refreshToken, CancellationToken ct) =>
        PostAsync("token_endpoint", clientId, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken }, ct);

    /// <param name="clientId">Null sends no client_id, which the spec allows.</param>
    public Task<MatrixResponse> RevokeAsync(string token, string? clientId, string? tokenTypeHint, CancellationToken ct) =>
        PostAsync("revocation_endpoint", clientId, new() { ["token"] = token, ["token_type_hint"] = tokenTypeHint }, ct);

    /// <summary>A revocation request with no token at all, whose answer is an error the spec describes.</summary>
    public Task<MatrixResponse> RevokeNothingAsync(string clientId, CancellationToken ct) =>
        PostAsync("revocation_endpoint", clientId, [], ct);

    public Task<MatrixResponse> DeviceAuthorizationAsync(string clientId, string scope, CancellationToken ct) =>
        PostAsync("device_authorization_endpoint", clientId, new() { ["scope"] = scope }, ct);

    public Task<MatrixResponse> DeviceCodeAsync(string clientId, string deviceCode, CancellationToken ct) =>
        PostAsync("token_endpoint", clientId, new() { ["grant_type"] = DeviceCodeGrant, ["device_code"] = deviceCode }, ct);

    private Task<MatrixResponse> PostAsync(string endpoint, string? clientId, Dictionary<string, string?> form, CancellationToken ct)
    {
        if (clientId is not null)
        {
            form["client_id"] = clientId;
            if (clientId == settings.ClientId && settings.ClientSecret is { } secret) form["client_secret"] = secret;
        }
        var body = string.Join('&', form.Where(f => f.Value is not null).Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value!)}"));
        return client.ExecuteAsync(MatrixRequest.Post(Endpoint(endpoint)).AddStringBody(body, "application/x-www-form-urlencoded"), ct);
    }

    public string Endpoint(string name) => support.Endpoint(name)
        ?? throw new OAuthUnavailableException(Judgement.Inconclusive($"The server's OAuth 2.0 metadata has no {name}, so the suite cannot use it."));
}
