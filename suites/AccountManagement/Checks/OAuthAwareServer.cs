using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Harness.OAuth;
using Conformance.Suites.AccountManagement.Observations;
using Conformance.Suites.Common;
using Xunit;

namespace Conformance.Suites.AccountManagement.Checks;

/// <summary>A server that says it supports OAuth 2.0 aware clients (GET /login marks m.login.sso with
/// oauth_aware_preferred): it offers the OAuth 2.0 API, its m.login.sso flow works end to end, and its SSO
/// redirect takes the action parameter. And how a server with the OAuth 2.0 API offers the legacy login.</summary>
public sealed class OAuthAwareServer(AccountManagementSuite suite)
{
    private const string LoginSubject = "GET /_matrix/client/v3/login";
    private const string RedirectSubject = "GET /_matrix/client/v3/login/sso/redirect";

    [Theory, Check("OAA-001"), NamedCases]
    public Task OAA001(string @case) => suite.Context.JudgeAsync(@case, () => suite.Metadata, OAA001_LegacyLoginBesideOAuth);

    [Theory, Check("OAA-002"), NamedCases]
    public Task OAA002(string @case) => suite.Context.JudgeAsync(@case, () => suite.Metadata, OAA002_OAuthAwareServerOffersOAuth);

    [Theory, Check("OAA-003"), NamedCases]
    public Task OAA003(string @case) => suite.Context.JudgeAsync(@case, () => suite.OAuthAware, OAA003_SsoLoginWorks);

    [Theory, Check("OAA-004"), NamedCases]
    public Task OAA004(SsoAction @case) => suite.Context.JudgeAsync(@case, () => suite.OAuthAware, o => OAA004_ActionIsAccepted(o, @case));

    /// <summary>Records, for a server with the OAuth 2.0 API, which legacy login flows it offers and whether
    /// it prefers m.login.sso for OAuth 2.0 aware clients.</summary>
    public static Outcome OAA001_LegacyLoginBesideOAuth(MetadataObservations m)
    {
        if (!m.Document.TryGet(out _, out var why)) return Outcome.Of(LoginSubject, why);
        var login = m.Login;
        if (Expect.Arrived(login) is { } lost) return Outcome.Of(LoginSubject, lost, login);
        if (login.Status == 404) return Outcome.Of(LoginSubject, Judgement.Info("legacy login not offered", $"GET /login answered {login.Summary()}."), login);
        var flows = OAuthAwareFlows.Flows(login);
        var types = flows.Select(f => Json.Str(f["type"])).OfType<string>().ToList();
        var sso = flows.FirstOrDefault(f => Json.Str(f["type"]) == "m.login.sso");
        var finding = sso is null ? "m.login.sso not offered"
            : Json.IsTrue(sso[OAuthAwareFlows.PreferredField]) ? "m.login.sso preferred (OAuth 2.0 aware)"
            : Json.IsTrue(sso[OAuthAwareFlows.UnstableField]) ? "m.login.sso preferred under MSC3824's unstable name only"
            : "m.login.sso offered, not preferred";
        return Outcome.Of(LoginSubject, Judgement.Info(finding, $"GET /login answered {login.Summary()} with the flows {string.Join(", ", types)}."), login);
    }

    public static Outcome OAA002_OAuthAwareServerOffersOAuth(MetadataObservations m)
    {
        if (Expect.Arrived(m.Login) is { } lost) return Outcome.Of(LoginSubject, lost, m.Login);
        if (!OAuthAwareFlows.Preferred(m.Login)) return Outcome.Of(LoginSubject, OAuthAwareFlows.NotClaimed(m.Login));
        if (m.Document.Seen) return Outcome.Of(LoginSubject, Judgement.Pass("GET /login prefers m.login.sso for OAuth 2.0 aware clients, and the server offers the OAuth 2.0 API."), m.Login, m.DocumentResponse);
        var why = m.Document.Missing!;
        return Outcome.Of(LoginSubject, why.Verdict == Verdict.Skip
            ? Judgement.Breach($"GET /login prefers m.login.sso for OAuth 2.0 aware clients, but the server does not offer the OAuth 2.0 API: {why.Detection}.")
            : why, m.Login, m.DocumentResponse);
    }

    /// <summary>The m.login.sso flow, as a legacy client with a browser runs it: the redirect, the server's
    /// sign-in, the browser back at the client's redirectUrl with a loginToken, and POST /login with it.</summary>
    public static Outcome OAA003_SsoLoginWorks(Observed<OAuthAwareObservations> o)
    {
        if (!o.TryGet(out var a, out var why)) return new Outcome(RedirectSubject, why);
        var (walk, token, tokenLogin, whoami) = (a.Login.Walk, a.Login.LoginToken, a.Login.TokenLogin, a.Login.Whoami);
        if (Expect.Arrived([.. walk.Pages, tokenLogin, whoami]) is { } lost) return Outcome.Of(RedirectSubject, lost, walk.Last, tokenLogin, whoami);
        var j = walk.End != WalkEnd.Destination
            ? walk.End == WalkEnd.ServerError || walk.Last.Status is >= 400 and < 500 && walk.End == WalkEnd.NoForm
                ? Judgement.Breach($"The SSO login did not come back to the client's redirectUrl: {walk.Describe()}.")
                : Judgement.Error($"The suite could not get through the SSO sign-in over plain HTTP ({walk.Describe()}); describe it in the profile's oauth.login steps.")
            : token is null ? Judgement.Breach($"The SSO login came back to {a.Login.RedirectUrl} without a loginToken.")
            : tokenLogin is not { IsSuccess: true } ? Judgement.Breach($"POST /login with the loginToken (m.login.token) answered {tokenLogin?.Summary()}.")
            : whoami is not { IsSuccess: true } ? Judgement.Breach($"The access token from m.login.token did not work ({whoami?.Summary()}).")
            : Judgement.Pass($"The SSO login came back with a loginToken, and m.login.token gave a working token for {whoami.StringField("user_id")}.");
        return Outcome.Of(RedirectSubject, j, walk.Last, tokenLogin, whoami);
    }

    /// <summary>The SSO redirect with action=login or action=register, not followed: a redirect or a page
    /// (an IdP picker), not a refusal.</summary>
    public static Outcome OAA004_ActionIsAccepted(Observed<OAuthAwareObservations> o, SsoAction action)
    {
        if (!o.TryGet(out var a, out var why)) return new Outcome(RedirectSubject, why);
        var r = a.For(action);
        var value = action == SsoAction.Login ? "login" : "register";
        return Outcome.Of(RedirectSubject, Expect.Arrived(r)
            ?? (r.Status is >= 300 and < 400 && r.Headers.ContainsKey("Location") ? Judgement.Pass($"action={value}: {r.Status} to {Location(r)}.")
                : r.Status == 200 ? Judgement.Pass($"action={value}: a page ({r.Summary()}).")
                : Judgement.Breach($"action={value} was refused: {r.Summary()}.")), r);
    }

    private static string Location(MatrixResponse r) => Uri.TryCreate(r.Headers["Location"], UriKind.RelativeOrAbsolute, out var u) && u.IsAbsoluteUri ? u.GetLeftPart(UriPartial.Path) : r.Headers["Location"].Split('?')[0];
}
