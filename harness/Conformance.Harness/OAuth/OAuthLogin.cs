using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Harness.Profiles;
using Conformance.Harness.Provisioning;
using Conformance.Harness.Secrets;
using RestSharp;

namespace Conformance.Harness.OAuth;

/// <summary>
/// Obtains a token through the OAuth 2.0 API as a native public client would: a client (registered
/// dynamically with <see cref="ClientRegistration"/>, or the profile's pre-registered one), the
/// authorisation code grant with PKCE (S256), the server's sign-in form driven over plain HTTP
/// (<see cref="HtmlFormDriver"/>, or the profile's <c>oauth.login</c> steps), then the token endpoint.
/// Registration and token requests go through the <see cref="MatrixClient"/>, so they are recorded
/// (redacted) like every other exchange.
/// </summary>
public sealed class OAuthLogin(OAuthSupport support, OAuthSection settings, MatrixClient client, SecretRegistry secrets)
{
    private const int MaxSteps = 10;

    /// <summary>The client ID the last login used; refreshing needs it.</summary>
    public string? ClientId { get; private set; }

    /// <summary>The dynamic registration's exchange, when the suite registered itself.</summary>
    public MatrixResponse? Registration { get; private set; }

    /// <summary>The refresh token grant, so a check can judge the answer (a locked account must not get a token).</summary>
    public Task<MatrixResponse> RefreshAsync(string refreshToken, CancellationToken ct) =>
        client.ExecuteAsync(TokenRequest(Endpoint("token_endpoint"), new()
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = ClientId ?? settings.ClientId ?? "",
        }), ct);

    public async Task<UserSession> LoginAsync(TestAccount account, string deviceId, CancellationToken ct)
    {
        var authorization = Endpoint("authorization_endpoint");
        var tokenEndpoint = Endpoint("token_endpoint");
        var clientId = ClientId = settings.ClientId ?? await RegisterAsync(ct);
        var redirectUri = settings.RedirectUri;

        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        secrets.Add(verifier);
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var state = Base64Url(RandomNumberGenerator.GetBytes(12));
        var scope = $"urn:matrix:client:api:* urn:matrix:client:device:{deviceId}";
        var url = new Uri($"{authorization}{(authorization.Contains('?') ? '&' : '?')}response_type=code&client_id={Uri.EscapeDataString(clientId)}"
            + $"&redirect_uri={Uri.EscapeDataString(redirectUri)}&scope={Uri.EscapeDataString(scope)}&state={state}"
            + $"&code_challenge={challenge}&code_challenge_method=S256&response_mode=query");

        var code = await FollowToCodeAsync(url, account, redirectUri, ct);
        secrets.Add(code);
        var answer = await client.ExecuteAsync(TokenRequest(tokenEndpoint, new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["client_id"] = clientId,
            ["code_verifier"] = verifier,
        }), ct);
        if (Expect.Arrived(answer) is { } lost) throw new ProvisioningException($"Could not obtain a token through the OAuth 2.0 API: {lost.Reason}");
        var accessToken = answer.StringField("access_token");
        if (!answer.IsSuccess || accessToken is null)
            throw new OAuthUnavailableException(Judgement.Inconclusive($"The token endpoint refused the authorisation code the server had just issued: {answer.Summary()} {answer.StringField("error")} {answer.StringField("error_description")}".TrimEnd() + "."), answer);
        secrets.Add(accessToken);
        var refresh = answer.StringField("refresh_token");
        secrets.Add(refresh);
        return new UserSession(account.UserId, deviceId, accessToken, refresh);
    }

    private async Task<string> RegisterAsync(CancellationToken ct)
    {
        var registration = Registration = await client.ExecuteAsync(
            MatrixRequest.Post(Endpoint("registration_endpoint")).WithJson(ClientRegistration.Request(settings.RedirectUri)), ct);
        if (Expect.Arrived(registration) is { } lost) throw new ProvisioningException($"Could not register an OAuth 2.0 client: {lost.Reason}");
        if (registration.Status >= 500)
            throw new ProvisioningException($"Could not register an OAuth 2.0 client: the registration endpoint answered {registration.Summary()}.");
        if (registration.IsSuccess && registration.StringField("client_id") is { } clientId) return clientId;
        // The server answered, and said no: a policy, not a fault. What the suite sent is in the exchange.
        var said = registration.StringField("error") is { } error ? $"{registration.Status} {error}: {registration.StringField("error_description")}".TrimEnd(' ', ':') : registration.Summary();
        throw new OAuthUnavailableException(Judgement.Skip(
            "The server refused the suite's OAuth 2.0 client registration, so no token could be obtained through the OAuth 2.0 API. "
            + "If the server keeps registration to known clients, give one in the profile (oauth.client_id).",
            $"POST {Endpoint("registration_endpoint")} with {ClientRegistration.Request(settings.RedirectUri).ToJsonString()} answered {said}"), registration);
    }

    private async Task<string> FollowToCodeAsync(Uri url, TestAccount account, string redirectUri, CancellationToken ct)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true }) { Timeout = client.Timeout };
        HttpRequestMessage request = new(HttpMethod.Get, url);
        var redirect = new Uri(redirectUri);
        for (var step = 0; step < MaxSteps; step++)
        {
            using var response = await http.SendAsync(request, ct);
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                var next = location.IsAbsoluteUri ? location : new Uri(request.RequestUri!, location);
                if (IsRedirectUri(next, redirect))
                {
                    var query = HttpUtility.ParseQueryString(next.Query);
                    if (query["code"] is { } code) return code;
                    throw new OAuthUnavailableException(Judgement.Inconclusive(
                        $"The server sent the sign-in back without a code: error '{query["error"]}' ({query["error_description"]})."));
                }
                request = new HttpRequestMessage(HttpMethod.Get, next);
                continue;
            }
            if ((int)response.StatusCode >= 500)
                throw new ProvisioningException($"Could not obtain a token through the OAuth 2.0 API: {request.RequestUri!.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode}.");
            var html = await response.Content.ReadAsStringAsync(ct);
            var submission = (settings.Login is { Count: > 0 } steps
                    ? HtmlFormDriver.Apply(html, request.RequestUri!, steps, v => Placeholders(v, account))
                    : null)
                ?? HtmlFormDriver.Fill(html, request.RequestUri!, account.Localpart, account.Password)
                ?? throw new ProvisioningException($"Could not obtain a token through the OAuth 2.0 API: the page at {request.RequestUri!.GetLeftPart(UriPartial.Path)} ({(int)response.StatusCode}) has no form to continue with; describe the sign-in in the profile's oauth.login steps.");
            request = submission.Method == "POST"
                ? new HttpRequestMessage(HttpMethod.Post, submission.Action) { Content = new FormUrlEncodedContent(submission.Fields) }
                : new HttpRequestMessage(HttpMethod.Get, new Uri(submission.Action, "?" + string.Join('&', submission.Fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"))));
        }
        throw new ProvisioningException($"Could not obtain a token through the OAuth 2.0 API: no authorisation code after {MaxSteps} pages.");
    }

    /// <summary>The redirect URI the server sends the code to; for a loopback URI any port matches, as the spec has it.</summary>
    private static bool IsRedirectUri(Uri next, Uri redirect) =>
        next.Scheme == redirect.Scheme && next.Host == redirect.Host && next.AbsolutePath == redirect.AbsolutePath
        && (next.Port == redirect.Port || redirect.IsLoopback);

    private static string Placeholders(string value, TestAccount account) =>
        value.Replace("{username}", account.Localpart, StringComparison.Ordinal)
            .Replace("{user_id}", account.UserId, StringComparison.Ordinal)
            .Replace("{password}", account.Password, StringComparison.Ordinal);

    private string Endpoint(string name) => support.Endpoint(name)
        ?? throw new OAuthUnavailableException(Judgement.Inconclusive($"The server's OAuth 2.0 metadata has no {name}, so the suite cannot sign in through it."));

    private RestRequest TokenRequest(string endpoint, Dictionary<string, string> form)
    {
        if (settings.ClientSecret is { } secret && settings.ClientId is not null) form["client_secret"] = secret;
        var body = string.Join('&', form.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
        return MatrixRequest.Post(endpoint).AddStringBody(body, "application/x-www-form-urlencoded");
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>The OAuth 2.0 API answered, and its answer leaves the suite without a token: the judgement
/// (skip when the server declined by policy, inconclusive for a refusal the spec does not foresee) is
/// what every check that needed the token reports.</summary>
public sealed class OAuthUnavailableException(Judgement why, MatrixResponse? evidence = null) : ProvisioningException(why.Reason)
{
    private readonly Judgement _why = evidence is null ? why : why.WithEvidence(evidence);
    public override Judgement Why => _why;
    public MatrixResponse? Evidence { get; } = evidence;
}
