using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;
using Conformance.Harness.Matrix;
using Conformance.Harness.Provisioning;
using RestSharp;
using Conformance.Harness.Secrets;

namespace Conformance.Harness.OAuth;

/// <summary>
/// Obtains a token through the OAuth 2.0 API as a native client would: dynamic registration, the
/// authorisation code grant with PKCE (S256), the server's web login driven over plain HTTP by
/// <see cref="HtmlFormDriver"/>, then the token endpoint.
/// </summary>
public sealed class OAuthLogin(OAuthSupport support, SecretRegistry secrets, TimeSpan timeout)
{
    public const string RedirectUri = "http://127.0.0.1/conformance/callback";
    private const int MaxSteps = 10;

    /// <summary>The client registered by the last login; refreshing needs it.</summary>
    public string? ClientId { get; private set; }

    /// <summary>The refresh token grant, sent through <paramref name="client"/> so the exchange is
    /// recorded as evidence (a locked account must not be able to refresh).</summary>
    public Task<MatrixResponse> RefreshAsync(MatrixClient client, string refreshToken, CancellationToken ct)
    {
        var request = new RestRequest(support.Endpoint("token_endpoint") ?? throw Fail("the metadata has no token_endpoint"), Method.Post);
        request.AddParameter("grant_type", "refresh_token", ParameterType.GetOrPost);
        request.AddParameter("refresh_token", refreshToken, ParameterType.GetOrPost);
        request.AddParameter("client_id", ClientId ?? "", ParameterType.GetOrPost);
        return client.ExecuteAsync(request, ct);
    }

    public async Task<UserSession> LoginAsync(TestAccount account, string deviceId, CancellationToken ct)
    {
        var registration = support.Endpoint("registration_endpoint") ?? throw Fail("the metadata has no registration_endpoint");
        var authorization = support.Endpoint("authorization_endpoint") ?? throw Fail("the metadata has no authorization_endpoint");
        var tokenEndpoint = support.Endpoint("token_endpoint") ?? throw Fail("the metadata has no token_endpoint");

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true }) { Timeout = timeout };

        var clientId = ClientId = await RegisterClientAsync(http, registration, ct);
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        secrets.Add(verifier);
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var state = Base64Url(RandomNumberGenerator.GetBytes(12));
        var scope = $"urn:matrix:client:api:* urn:matrix:client:device:{deviceId}";
        var url = new Uri($"{authorization}{(authorization.Contains('?') ? '&' : '?')}response_type=code&client_id={Uri.EscapeDataString(clientId)}"
            + $"&redirect_uri={Uri.EscapeDataString(RedirectUri)}&scope={Uri.EscapeDataString(scope)}&state={state}"
            + $"&code_challenge={challenge}&code_challenge_method=S256&response_mode=query");

        var code = await FollowToCodeAsync(http, url, account, ct);
        secrets.Add(code);
        using var tokenResponse = await http.PostAsync(tokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
            ["client_id"] = clientId,
            ["code_verifier"] = verifier,
        }), ct);
        var body = await tokenResponse.Content.ReadAsStringAsync(ct);
        var json = TryParse(body);
        var accessToken = json?["access_token"]?.GetValue<string>();
        if (!tokenResponse.IsSuccessStatusCode || accessToken is null)
            throw Fail($"the token endpoint returned {(int)tokenResponse.StatusCode} {json?["error"]}");
        secrets.Add(accessToken);
        var refresh = json?["refresh_token"]?.GetValue<string>();
        secrets.Add(refresh);
        return new UserSession(account.UserId, deviceId, accessToken, refresh);
    }

    private async Task<string> RegisterClientAsync(HttpClient http, string endpoint, CancellationToken ct)
    {
        var request = new JsonObject
        {
            ["client_name"] = "Matrix account conformance suite",
            ["client_uri"] = "https://conformance.invalid/",
            ["application_type"] = "native",
            ["redirect_uris"] = new JsonArray(RedirectUri),
            ["response_types"] = new JsonArray("code"),
            ["grant_types"] = new JsonArray("authorization_code", "refresh_token"),
            ["token_endpoint_auth_method"] = "none",
        };
        using var response = await http.PostAsync(endpoint, new StringContent(request.ToJsonString(), Encoding.UTF8, "application/json"), ct);
        var json = TryParse(await response.Content.ReadAsStringAsync(ct));
        return json?["client_id"]?.GetValue<string>() ?? throw Fail($"client registration returned {(int)response.StatusCode} {json?["error"]}");
    }

    private async Task<string> FollowToCodeAsync(HttpClient http, Uri url, TestAccount account, CancellationToken ct)
    {
        HttpRequestMessage request = new(HttpMethod.Get, url);
        for (var step = 0; step < MaxSteps; step++)
        {
            using var response = await http.SendAsync(request, ct);
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                var next = location.IsAbsoluteUri ? location : new Uri(request.RequestUri!, location);
                if (next.GetLeftPart(UriPartial.Path) == RedirectUri)
                {
                    var query = HttpUtility.ParseQueryString(next.Query);
                    return query["code"] ?? throw Fail($"the server redirected back with error '{query["error"]}' ({query["error_description"]})");
                }
                request = new HttpRequestMessage(HttpMethod.Get, next);
                continue;
            }
            var html = await response.Content.ReadAsStringAsync(ct);
            var submission = HtmlFormDriver.Fill(html, request.RequestUri!, account.Localpart, account.Password)
                ?? throw Fail($"the page at {request.RequestUri!.GetLeftPart(UriPartial.Path)} ({(int)response.StatusCode}) has no form to continue with");
            request = submission.Method == "POST"
                ? new HttpRequestMessage(HttpMethod.Post, submission.Action) { Content = new FormUrlEncodedContent(submission.Fields) }
                : new HttpRequestMessage(HttpMethod.Get, new Uri(submission.Action, "?" + string.Join('&', submission.Fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"))));
        }
        throw Fail($"no authorisation code after {MaxSteps} pages");
    }

    private static JsonNode? TryParse(string text)
    {
        try { return JsonNode.Parse(text); }
        catch (System.Text.Json.JsonException) { return null; }
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static ProvisioningException Fail(string why) => new($"Could not obtain a token through the OAuth 2.0 API: {why}.");
}
