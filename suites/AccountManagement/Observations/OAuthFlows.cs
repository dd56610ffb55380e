using Conformance.Harness.Matrix;
using Conformance.Harness.OAuth;

namespace Conformance.Suites.AccountManagement.Observations;

/// <summary>The OAuth 2.0 client the grant scenarios use: one the suite registered (with the plainest
/// request, <see cref="ClientRegistration"/>), or the profile's pre-registered one.</summary>
/// <param name="Registration">The suite's registration, when it registered the client.</param>
public sealed record OAuthClientUsed(string ClientId, string RedirectUri, MatrixResponse? Registration)
{
    public bool RegisteredBySuite => Registration is not null;

    /// <summary>"the suite's client client_abc (registered dynamically)": for reasons.</summary>
    public string Describe() => $"client {ClientId} ({(RegisteredBySuite ? "registered by the suite" : "the profile's oauth.client_id")})";
}

/// <summary>
/// One authorisation code flow: the request, the pages the suite walked (signing in, consenting), where
/// the server sent the browser back, and, when the scenario exchanged the code, the token endpoint's
/// answer.
/// </summary>
public sealed record CodeFlow(AuthorizationRequest Request, PageWalk Walk, Callback? Callback)
{
    /// <summary>The token request with the code, when a code came back and the scenario exchanged it.</summary>
    public MatrixResponse? Token { get; init; }

    /// <summary>The access token the exchange issued, when it did.</summary>
    public string? AccessToken => Token is { IsSuccess: true } t ? t.StringField("access_token") : null;

    public string? RefreshToken => Token is { IsSuccess: true } t ? t.StringField("refresh_token") : null;

    /// <summary>The page the walk ended on and the token answer: what a verdict about the flow rests on.</summary>
    public IReadOnlyList<MatrixResponse> Evidence => Token is null ? [Walk.Last] : [Walk.Last, Token];
}

/// <summary>A flow that issued tokens, and what the API said about the access token.</summary>
public sealed record SignedIn(CodeFlow Flow, MatrixResponse Whoami)
{
    public string AccessToken => Flow.AccessToken!;
    public string? RefreshToken => Flow.RefreshToken;
    public string DeviceId => Flow.Request.Scope[(Flow.Request.Scope.LastIndexOf(':') + 1)..];
}
