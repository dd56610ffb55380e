using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Harness.Profiles;
using Conformance.Harness.Provisioning;
using Conformance.Harness.Secrets;

namespace Conformance.Harness.OAuth;

/// <summary>
/// Obtains a token through the OAuth 2.0 API as a native public client would: a client (registered
/// dynamically with <see cref="ClientRegistration"/>, or the profile's pre-registered one), the
/// authorisation code grant with PKCE (S256), the server's sign-in form driven over plain HTTP
/// (<see cref="PageWalker"/>, with the profile's <c>oauth.login</c> steps), then the token endpoint.
/// Every request goes through the <see cref="MatrixClient"/>, so it is recorded (redacted) like every
/// other exchange.
/// </summary>
public sealed class OAuthLogin(OAuthSupport support, OAuthSection settings, MatrixClient client, SecretRegistry secrets)
{
    /// <summary>The client ID the last login used; refreshing needs it.</summary>
    public string? ClientId { get; private set; }

    /// <summary>The dynamic registration's exchange, when the suite registered itself.</summary>
    public MatrixResponse? Registration { get; private set; }

    /// <summary>The redirect URI registered for the client: the profile's, or the one the suite registered.</summary>
    public string RedirectUri => settings.RedirectUri;

    public TokenEndpoint Tokens { get; } = new(support, settings, client);

    /// <summary>The refresh token grant, so a check can judge the answer (a locked account must not get a token).</summary>
    public Task<MatrixResponse> RefreshAsync(string refreshToken, CancellationToken ct) =>
        Tokens.RefreshAsync(ClientId ?? settings.ClientId ?? "", refreshToken, ct);

    /// <summary>Token revocation as this client, the OAuth 2.0 API's logout.</summary>
    public Task<MatrixResponse> RevokeAsync(string token, CancellationToken ct) =>
        Tokens.RevokeAsync(token, ClientId ?? settings.ClientId, null, ct);

    /// <summary>The profile's client, or one the suite registers (once); an OAuthUnavailableException
    /// (skip) when the server refuses the registration.</summary>
    public async Task<string> ClientIdAsync(CancellationToken ct) => ClientId ??= settings.ClientId ?? await RegisterAsync(ct);

    /// <summary>A walker over the server's pages that signs in as <paramref name="account"/>.</summary>
    public PageWalker Walker(TestAccount account) => new(client, account, settings.Login);

    /// <summary>Sends the browser to the authorisation endpoint and walks the pages (signing in, consenting)
    /// until the server redirects to the request's redirect URI (for a loopback URI, on any port).</summary>
    public async Task<(PageWalk Walk, Callback? Callback)> AuthorizeAsync(AuthorizationRequest request, PageWalker walker, CancellationToken ct)
    {
        var redirect = new Uri(request.RedirectUri);
        var walk = await walker.WalkAsync(request.ToUrl(Tokens.Endpoint("authorization_endpoint")), next => IsRedirectUri(next, redirect), ct);
        return (walk, walk.Destination is { } to ? Callback.Of(to) : null);
    }

    public async Task<UserSession> LoginAsync(TestAccount account, string deviceId, CancellationToken ct)
    {
        var clientId = await ClientIdAsync(ct);
        var pkce = Pkce.New(secrets);
        var (walk, callback) = await AuthorizeAsync(AuthorizationRequest.For(clientId, RedirectUri, deviceId, pkce), Walker(account), ct);
        var code = CodeOf(walk, callback);
        var answer = await Tokens.AuthorizationCodeAsync(clientId, code, RedirectUri, pkce.Verifier, ct);
        if (Expect.Arrived(answer) is { } lost) throw new ProvisioningException($"Could not obtain a token through the OAuth 2.0 API: {lost.Reason}");
        var accessToken = answer.StringField("access_token");
        if (!answer.IsSuccess || accessToken is null)
            throw new OAuthUnavailableException(Judgement.Inconclusive($"The token endpoint refused the authorisation code the server had just issued: {answer.Summary()} {answer.StringField("error")} {answer.StringField("error_description")}".TrimEnd() + "."), answer);
        secrets.Add(accessToken);
        var refresh = answer.StringField("refresh_token");
        secrets.Add(refresh);
        return new UserSession(account.UserId, deviceId, accessToken, refresh);
    }

    /// <summary>The code the sign-in ended with, or the exception that says why there is none.</summary>
    private static string CodeOf(PageWalk walk, Callback? callback)
    {
        if (callback is not null)
            return callback.Code ?? throw new OAuthUnavailableException(Judgement.Inconclusive(
                $"The server sent the sign-in back without a code: error '{callback.Error}' ({callback.ErrorDescription})."));
        var problem = walk.End switch
        {
            WalkEnd.NoForm => $"the page at {walk.Last.Exchange.Url} ({walk.Last.Status}) has no form to continue with; describe the sign-in in the profile's oauth.login steps.",
            WalkEnd.TooManyPages => $"no authorisation code after {walk.Pages.Count} pages.",
            _ => walk.Describe() + ".",
        };
        throw new ProvisioningException("Could not obtain a token through the OAuth 2.0 API: " + problem);
    }

    private async Task<string> RegisterAsync(CancellationToken ct)
    {
        var registration = Registration = await client.ExecuteAsync(
            MatrixRequest.Post(Tokens.Endpoint("registration_endpoint")).WithJson(ClientRegistration.Request(settings.RedirectUri)), ct);
        if (Expect.Arrived(registration) is { } lost) throw new ProvisioningException($"Could not register an OAuth 2.0 client: {lost.Reason}");
        if (registration.Status >= 500)
            throw new ProvisioningException($"Could not register an OAuth 2.0 client: the registration endpoint answered {registration.Summary()}.");
        if (registration.IsSuccess && registration.StringField("client_id") is { } clientId) return clientId;
        // The server answered, and said no: a policy, not a fault. What the suite sent is in the exchange.
        throw new OAuthUnavailableException(ClientRegistration.Refused(Tokens.Endpoint("registration_endpoint"), settings.RedirectUri, registration), registration);
    }

    /// <summary>The redirect URI the server sends the code to; for a loopback URI any port matches, as the spec has it.</summary>
    public static bool IsRedirectUri(Uri next, Uri redirect) =>
        next.Scheme == redirect.Scheme && next.Host == redirect.Host && next.AbsolutePath == redirect.AbsolutePath
        && (next.Port == redirect.Port || redirect.IsLoopback);
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
