using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.OAuth;
using Conformance.Suites.AccountManagement.Checks;
using Conformance.Suites.AccountManagement.Observations;
using Xunit;
using static Conformance.Tests.Judges.AccountManagementSamples;
using static Conformance.Tests.Judges.OAuthApiSamples;
using static Conformance.Tests.Support.Responses;

namespace Conformance.Tests.Judges;

/// <summary>The OAuth 2.0 aware server's judges over hand-made observations.</summary>
public sealed class OAuthAwareServerTests
{
    private static Observed<OAuthAwareObservations> O(OAuthAwareObservations? a = null) => Observed.Of(a ?? OAuthAware());

    private static MetadataObservations LoginFlows(string flows) =>
        Metadata() with { Login = Json(200, $$"""{"flows":[{{flows}}]}""", path: "/_matrix/client/v3/login") };

    [Fact]
    public void A_conformant_server_passes_every_case()
    {
        Assert.Equal("m.login.sso preferred (OAuth 2.0 aware)", OAuthAwareServer.OAA001_LegacyLoginBesideOAuth(Metadata()).Judgement.Finding);
        Assert.Equal(Verdict.Pass, OAuthAwareServer.OAA002_OAuthAwareServerOffersOAuth(Metadata()).Verdict);
        Assert.Equal(Verdict.Pass, OAuthAwareServer.OAA003_SsoLoginWorks(O()).Verdict);
        foreach (var a in Enum.GetValues<SsoAction>()) Assert.Equal(Verdict.Pass, OAuthAwareServer.OAA004_ActionIsAccepted(O(), a).Verdict);
    }

    [Fact]
    public void OAA001_records_the_legacy_login_and_skips_without_the_OAuth_API()
    {
        Assert.Equal("m.login.sso not offered", OAuthAwareServer.OAA001_LegacyLoginBesideOAuth(LoginFlows("""{"type":"m.login.password"}""")).Judgement.Finding);
        Assert.Equal("m.login.sso offered, not preferred", OAuthAwareServer.OAA001_LegacyLoginBesideOAuth(LoginFlows("""{"type":"m.login.sso"}""")).Judgement.Finding);
        Assert.Equal("m.login.sso preferred under MSC3824's unstable name only",
            OAuthAwareServer.OAA001_LegacyLoginBesideOAuth(LoginFlows("""{"type":"m.login.sso","org.matrix.msc3824.delegated_oidc_compatibility":true}""")).Judgement.Finding);
        var oauthOnly = Metadata() with { Login = Error(404, "M_UNRECOGNIZED", path: "/_matrix/client/v3/login") };
        Assert.Equal("legacy login not offered", OAuthAwareServer.OAA001_LegacyLoginBesideOAuth(oauthOnly).Judgement.Finding);
        var skip = OAuthAwareServer.OAA001_LegacyLoginBesideOAuth(WithoutOAuth());
        Assert.Equal(Verdict.Skip, skip.Verdict);
        Assert.Equal(NoOAuthDetection, skip.Judgement.Detection);
    }

    [Fact]
    public void A_server_that_does_not_claim_OAuth_awareness_skips_OAA002_with_its_login_flows()
    {
        var j = OAuthAwareServer.OAA002_OAuthAwareServerOffersOAuth(LoginFlows("""{"type":"m.login.password"}"""));
        Assert.Equal(Verdict.Skip, j.Verdict);
        Assert.Contains("oauth_aware_preferred: true", j.Judgement.Detection);
        Assert.Contains("m.login.password", j.Judgement.Detection);
        var lost = Metadata() with { Login = NoAnswer(path: "/_matrix/client/v3/login") };
        Assert.Equal(Verdict.Error, OAuthAwareServer.OAA002_OAuthAwareServerOffersOAuth(lost).Verdict);
    }

    [Fact]
    public void Preferring_sso_without_the_OAuth_API_fails_OAA002()
    {
        var j = OAuthAwareServer.OAA002_OAuthAwareServerOffersOAuth(WithoutOAuth());
        Assert.Equal(Verdict.Fail, j.Reported("OAA-002"));
        Assert.Contains("404 M_UNRECOGNIZED", j.Reason);
        var broken = WithoutOAuth() with { Document = Observed.NotSeen<JsonObject>(Judgement.Error("GET answered 500.")) };
        Assert.Equal(Verdict.Error, OAuthAwareServer.OAA002_OAuthAwareServerOffersOAuth(broken).Verdict);
    }

    [Fact]
    public void An_sso_login_that_does_not_come_back_with_a_usable_token_fails_OAA003()
    {
        var login = OAuthAware().Login;
        var refused = OAuthAware() with { Login = login with { TokenLogin = Error(400, "M_UNKNOWN", "POST", "/_matrix/client/v3/login"), Whoami = null } };
        var j = OAuthAwareServer.OAA003_SsoLoginWorks(O(refused));
        Assert.Equal(Verdict.Fail, j.Reported("OAA-003"));
        Assert.Contains("m.login.token", j.Reason);
        var noToken = OAuthAware() with { Login = login with { LoginToken = null, TokenLogin = null, Whoami = null } };
        Assert.Contains("without a loginToken", OAuthAwareServer.OAA003_SsoLoginWorks(O(noToken)).Reason);
        var errorPage = OAuthAware() with { Login = login with { Walk = new PageWalk([Text(400, "<p>bad</p>")], WalkEnd.NoForm, null, 0), LoginToken = null, TokenLogin = null, Whoami = null } };
        Assert.Equal(Verdict.Fail, OAuthAwareServer.OAA003_SsoLoginWorks(O(errorPage)).Reported("OAA-003"));
        var spa = OAuthAware() with { Login = login with { Walk = new PageWalk([Text(200, "<div id=app></div>")], WalkEnd.NoForm, null, 0), LoginToken = null, TokenLogin = null, Whoami = null } };
        Assert.Equal(Verdict.Error, OAuthAwareServer.OAA003_SsoLoginWorks(O(spa)).Verdict);
        var unclaimed = Observed.NotSeen<OAuthAwareObservations>(Judgement.Skip("not claimed", "GET /login shows no m.login.sso flow"));
        Assert.Equal(Verdict.Skip, OAuthAwareServer.OAA003_SsoLoginWorks(unclaimed).Verdict);
    }

    [Fact]
    public void A_refused_action_fails_OAA004_and_an_IdP_picker_page_passes()
    {
        var refused = OAuthAware() with { RedirectRegister = Error(400, "M_INVALID_PARAM", path: "/_matrix/client/v3/login/sso/redirect") };
        Assert.Equal(Verdict.Fail, OAuthAwareServer.OAA004_ActionIsAccepted(O(refused), SsoAction.Register).Reported("OAA-004"));
        var picker = OAuthAware() with { RedirectLogin = Text(200, "<a href=/idp/1>GitHub</a>", path: "/_matrix/client/v3/login/sso/redirect") };
        Assert.Equal(Verdict.Pass, OAuthAwareServer.OAA004_ActionIsAccepted(O(picker), SsoAction.Login).Verdict);
        var lost = OAuthAware() with { RedirectLogin = NoAnswer(path: "/_matrix/client/v3/login/sso/redirect") };
        Assert.Equal(Verdict.Error, OAuthAwareServer.OAA004_ActionIsAccepted(O(lost), SsoAction.Login).Verdict);
    }
}
