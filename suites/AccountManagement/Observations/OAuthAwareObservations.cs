using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Harness.OAuth;

namespace Conformance.Suites.AccountManagement.Observations;

/// <summary>
/// The legacy SSO login of a server that says it supports OAuth 2.0 aware clients (an m.login.sso flow
/// with oauth_aware_preferred): the SSO redirect with each action, and the whole m.login.sso flow (the
/// redirect, the server's sign-in over plain HTTP, the loginToken back at the client's redirectUrl, and
/// POST /login with it).
/// </summary>
public sealed record OAuthAwareObservations
{
    public required MatrixResponse RedirectLogin { get; init; }
    public required MatrixResponse RedirectRegister { get; init; }
    public required SsoLogin Login { get; init; }

    public MatrixResponse For(SsoAction action) => action == SsoAction.Login ? RedirectLogin : RedirectRegister;
}

/// <summary>The walk from GET /login/sso/redirect to the client's redirectUrl, the m.login.token login
/// with the token it carried, and whoami with the access token.</summary>
public sealed record SsoLogin(string RedirectUrl, PageWalk Walk, string? LoginToken, MatrixResponse? TokenLogin, MatrixResponse? Whoami);

/// <summary>The actions an OAuth 2.0 aware client adds to the SSO redirect.</summary>
public enum SsoAction { Login, Register }

/// <summary>Whether GET /login marks an m.login.sso flow as preferred for OAuth 2.0 aware clients.</summary>
public static class OAuthAwareFlows
{
    public const string PreferredField = "oauth_aware_preferred";
    /// <summary>MSC3824's unstable name for the field.</summary>
    public const string UnstableField = "org.matrix.msc3824.delegated_oidc_compatibility";

    public static bool Preferred(MatrixResponse login) =>
        Flows(login).Any(f => Json.Str(f["type"]) == "m.login.sso" && Json.IsTrue(f[PreferredField]));

    public static IReadOnlyList<JsonObject> Flows(MatrixResponse login) =>
        (login.Object?["flows"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];

    /// <summary>The skip of a server that does not claim OAuth 2.0 aware support.</summary>
    public static Judgement NotClaimed(MatrixResponse login) => Judgement.Skip("The server does not say it supports OAuth 2.0 aware clients.",
        $"GET /_matrix/client/v3/login shows no m.login.sso flow with {PreferredField}: true ({login.Summary()}{(login.Object?["flows"] is { } f ? " " + Json.Text(f, 200) : "")})");
}
