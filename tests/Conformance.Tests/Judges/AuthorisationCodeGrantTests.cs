using Conformance.Harness.Checks;
using Conformance.Harness.OAuth;
using Conformance.Suites.AccountManagement.Checks;
using Conformance.Suites.AccountManagement.Observations;
using Xunit;
using static Conformance.Tests.Judges.OAuthApiSamples;
using static Conformance.Tests.Support.Responses;

namespace Conformance.Tests.Judges;

/// <summary>The authorisation code grant's judges over hand-made observations.</summary>
public sealed class AuthorisationCodeGrantTests
{
    private static Observed<CodeGrantObservations> O(CodeGrantObservations? g = null) => Observed.Of(g ?? CodeGrant());

    [Fact]
    public void A_conformant_server_passes_every_case()
    {
        foreach (var mode in Enum.GetValues<ResponseMode>()) Assert.Equal(Verdict.Pass, AuthorisationCodeGrant.AZ001_CallbackInTheAskedMode(O(), mode).Verdict);
        foreach (var c in Enum.GetValues<VerifierCase>()) Assert.Equal(Verdict.Pass, AuthorisationCodeGrant.AZ002_VerifierIsChecked(O(), c).Verdict);
        Assert.Equal(Verdict.Pass, AuthorisationCodeGrant.AZ003_CodeWorksOnce(O()).Verdict);
        Assert.Equal(Verdict.Pass, AuthorisationCodeGrant.AZ004_NoRedirectToUnregisteredUri(O()).Verdict);
        foreach (var part in Enum.GetValues<TokenAnswerPart>()) Assert.Equal(Verdict.Pass, AuthorisationCodeGrant.AZ005_TokenAnswer(O(), part).Verdict);
        Assert.Equal(Verdict.Pass, AuthorisationCodeGrant.AZ006_TheRequestedDevice(O()).Verdict);
        Assert.Equal(Verdict.Pass, AuthorisationCodeGrant.AZ007_ClientServerApiAccess(O()).Verdict);
        Assert.Equal(Verdict.Pass, AuthorisationCodeGrant.AZ008_OneDeviceScope(O()).Verdict);
        Assert.Equal("refused at authorisation: invalid_request", AuthorisationCodeGrant.AZ009_RequestsLeftToTheServer(O(), OpenRequest.WithoutPkce).Judgement.Finding);
    }

    [Fact]
    public void Without_the_OAuth_API_every_case_skips_with_the_detection()
    {
        var none = Observed.NotSeen<CodeGrantObservations>(NoOAuth);
        var outcomes = new[]
        {
            AuthorisationCodeGrant.AZ001_CallbackInTheAskedMode(none, ResponseMode.Query), AuthorisationCodeGrant.AZ002_VerifierIsChecked(none, VerifierCase.WrongVerifier),
            AuthorisationCodeGrant.AZ003_CodeWorksOnce(none), AuthorisationCodeGrant.AZ004_NoRedirectToUnregisteredUri(none), AuthorisationCodeGrant.AZ005_TokenAnswer(none, TokenAnswerPart.ExpiresIn),
            AuthorisationCodeGrant.AZ006_TheRequestedDevice(none), AuthorisationCodeGrant.AZ007_ClientServerApiAccess(none), AuthorisationCodeGrant.AZ008_OneDeviceScope(none),
            AuthorisationCodeGrant.AZ009_RequestsLeftToTheServer(none, OpenRequest.WithoutDeviceScope),
        };
        Assert.All(outcomes, o => Assert.Equal(AccountManagementSamples.NoOAuthDetection, o.Judgement.Detection));
    }

    [Fact]
    public void A_callback_without_the_state_or_in_the_wrong_part_fails_AZ001()
    {
        var noState = CodeGrant() with { Query = Back(Request("D1"), RedirectUri + "?code=c0de", TokenAnswer()) };
        var j = AuthorisationCodeGrant.AZ001_CallbackInTheAskedMode(O(noState), ResponseMode.Query);
        Assert.Equal(Verdict.Fail, j.Reported("AZ-001"));
        Assert.Contains("the state came back as nothing", j.Reason);
        var inQuery = CodeGrant() with { Fragment = Back(Request("D2", "fragment"), RedirectUri + $"?code=c0de&state={State}", TokenAnswer()) };
        Assert.Contains("came back in the query", AuthorisationCodeGrant.AZ001_CallbackInTheAskedMode(O(inQuery), ResponseMode.Fragment).Reason);
        var error = CodeGrant() with { Query = RefusedBack("D3", "access_denied") };
        Assert.Contains("not a code", AuthorisationCodeGrant.AZ001_CallbackInTheAskedMode(O(error), ResponseMode.Query).Reason);
    }

    [Fact]
    public void A_flow_that_never_comes_back_is_a_breach_an_error_or_the_suites_fault_as_the_pages_say()
    {
        Assert.Equal(Verdict.Fail, AuthorisationCodeGrant.AZ001_CallbackInTheAskedMode(O(CodeGrant() with { Query = EndedOn("D", 400) }), ResponseMode.Query).Reported("AZ-001"));
        Assert.Equal(Verdict.Fail, AuthorisationCodeGrant.AZ001_CallbackInTheAskedMode(O(CodeGrant() with { Query = EndedOn("D", 500, WalkEnd.ServerError) }), ResponseMode.Query).Reported("AZ-001"));
        var spa = AuthorisationCodeGrant.AZ001_CallbackInTheAskedMode(O(CodeGrant() with { Query = EndedOn("D", 200) }), ResponseMode.Query);
        Assert.Equal(Verdict.Error, spa.Verdict);
        Assert.Contains("oauth.login", spa.Reason);
        var lost = new CodeFlow(Request("D"), new PageWalk([NoAnswer(path: "/oauth2/authorize")], WalkEnd.NoAnswer, null, 0), null);
        Assert.Equal(Verdict.Error, AuthorisationCodeGrant.AZ001_CallbackInTheAskedMode(O(CodeGrant() with { Query = lost }), ResponseMode.Query).Verdict);
    }

    [Fact]
    public void A_token_for_a_wrong_or_missing_verifier_fails_AZ002()
    {
        var g = CodeGrant() with { WrongVerifier = SignedIn("D1"), MissingVerifier = SignedIn("D2", token: NoAnswer("POST", "/oauth2/token")) };
        var j = AuthorisationCodeGrant.AZ002_VerifierIsChecked(O(g), VerifierCase.WrongVerifier);
        Assert.Equal(Verdict.Fail, j.Reported("AZ-002"));
        Assert.Contains("a code_verifier that is not the challenge's", j.Reason);
        Assert.Equal(Verdict.Error, AuthorisationCodeGrant.AZ002_VerifierIsChecked(O(g), VerifierCase.MissingVerifier).Verdict);
        var noCode = CodeGrant() with { WrongVerifier = RefusedBack("D3") };
        Assert.Equal(Verdict.Inconclusive, AuthorisationCodeGrant.AZ002_VerifierIsChecked(O(noCode), VerifierCase.WrongVerifier).Verdict);
    }

    [Fact]
    public void A_code_exchanged_twice_fails_AZ003_and_tokens_left_alive_warn()
    {
        var twice = CodeGrant() with { Reuse = new CodeReuse(SignedIn("D"), TokenAnswer("at9"), Whoami("D")) };
        Assert.Equal(Verdict.Fail, AuthorisationCodeGrant.AZ003_CodeWorksOnce(O(twice)).Reported("AZ-003"));
        var alive = CodeGrant() with { Reuse = new CodeReuse(SignedIn("D"), OAuthError("invalid_grant"), Whoami("D")) };
        var j = AuthorisationCodeGrant.AZ003_CodeWorksOnce(O(alive));
        Assert.Equal(Verdict.Warn, j.Verdict);
        Assert.Contains("should be revoked", j.Reason);
        var first = CodeGrant() with { Reuse = new CodeReuse(SignedIn("D", token: OAuthError("invalid_grant")), null, null) };
        Assert.Equal(Verdict.Inconclusive, AuthorisationCodeGrant.AZ003_CodeWorksOnce(O(first)).Verdict);
    }

    [Fact]
    public void A_redirect_to_an_unregistered_uri_fails_AZ004()
    {
        var g = CodeGrant() with { OtherRedirect = Back(Request("D", redirectUri: "https://unregistered.example.net/callback"), "https://unregistered.example.net/callback?error=invalid_request", null) };
        var j = AuthorisationCodeGrant.AZ004_NoRedirectToUnregisteredUri(O(g));
        Assert.Equal(Verdict.Fail, j.Reported("AZ-004"));
        Assert.Contains("which no client registered", j.Reason);
        var lost = CodeGrant() with { OtherRedirect = new CodeFlow(Request("D"), new PageWalk([NoAnswer(path: "/oauth2/authorize")], WalkEnd.NoAnswer, null, 0), null) };
        Assert.Equal(Verdict.Error, AuthorisationCodeGrant.AZ004_NoRedirectToUnregisteredUri(O(lost)).Verdict);
    }

    [Fact]
    public void A_token_answer_without_a_refresh_token_or_expiry_fails_AZ005()
    {
        var bare = CodeGrant() with { Query = SignedIn("D", token: Json(200, """{"access_token":"at","token_type":"bearer","expires_in":"300"}""", "POST", "/oauth2/token")) };
        Assert.Equal(Verdict.Fail, AuthorisationCodeGrant.AZ005_TokenAnswer(O(bare), TokenAnswerPart.RefreshToken).Reported("AZ-005"));
        Assert.Contains("expires_in is \"300\"", AuthorisationCodeGrant.AZ005_TokenAnswer(O(bare), TokenAnswerPart.ExpiresIn).Reason);
        Assert.Equal(Verdict.Pass, AuthorisationCodeGrant.AZ005_TokenAnswer(O(bare), TokenAnswerPart.TokenType).Verdict);
        var none = CodeGrant() with { Query = SignedIn("D", token: OAuthError("invalid_grant")) };
        Assert.Equal(Verdict.Inconclusive, AuthorisationCodeGrant.AZ005_TokenAnswer(O(none), TokenAnswerPart.TokenType).Verdict);
    }

    [Fact]
    public void Another_device_fails_AZ006_and_a_token_without_access_fails_AZ007()
    {
        var other = CodeGrant() with { QueryToken = new TokenUse(Whoami("SERVERPICKED"), AccountManagementSamples.Devices("SERVERPICKED")) };
        var j = AuthorisationCodeGrant.AZ006_TheRequestedDevice(O(other));
        Assert.Equal(Verdict.Fail, j.Reported("AZ-006"));
        Assert.Contains("whoami names SERVERPICKED", j.Reason);
        var unlisted = CodeGrant() with { QueryToken = new TokenUse(Whoami("DEVQUERY00"), AccountManagementSamples.Devices("OTHER")) };
        Assert.Contains("does not list it", AuthorisationCodeGrant.AZ006_TheRequestedDevice(O(unlisted)).Reason);

        var readOnly = CodeGrant() with { QueryToken = new TokenUse(Whoami("DEVQUERY00"), Error(403, "M_FORBIDDEN", path: "/_matrix/client/v3/devices")) };
        Assert.Equal(Verdict.Fail, AuthorisationCodeGrant.AZ007_ClientServerApiAccess(O(readOnly)).Reported("AZ-007"));
        var dead = CodeGrant() with { QueryToken = new TokenUse(UnknownToken, AccountManagementSamples.Devices()) };
        Assert.Equal(Verdict.Fail, AuthorisationCodeGrant.AZ007_ClientServerApiAccess(O(dead)).Reported("AZ-007"));
        Assert.Equal(Verdict.Inconclusive, AuthorisationCodeGrant.AZ006_TheRequestedDevice(O(dead)).Verdict);
        var noToken = CodeGrant() with { QueryToken = Observed.NotSeen<TokenUse>(Judgement.Inconclusive("No token to use.")) };
        Assert.Equal(Verdict.Inconclusive, AuthorisationCodeGrant.AZ007_ClientServerApiAccess(O(noToken)).Verdict);
    }

    [Fact]
    public void A_token_for_two_device_scopes_fails_AZ008()
    {
        var two = CodeGrant() with { TwoDevices = SignedIn("D") };
        Assert.Equal(Verdict.Fail, AuthorisationCodeGrant.AZ008_OneDeviceScope(O(two)).Reported("AZ-008"));
        var page = CodeGrant() with { TwoDevices = EndedOn("D", 400) };
        Assert.Equal(Verdict.Pass, AuthorisationCodeGrant.AZ008_OneDeviceScope(O(page)).Verdict);
        var atToken = CodeGrant() with { TwoDevices = SignedIn("D", token: OAuthError("invalid_scope")) };
        Assert.Contains("refused at the token endpoint: invalid_scope", AuthorisationCodeGrant.AZ008_OneDeviceScope(O(atToken)).Reason);
        var stuck = CodeGrant() with { TwoDevices = EndedOn("D", 200) };
        Assert.Equal(Verdict.Error, AuthorisationCodeGrant.AZ008_OneDeviceScope(O(stuck)).Verdict);
    }

    [Fact]
    public void AZ009_records_a_lenient_server()
    {
        var lenient = CodeGrant() with { WithoutPkce = SignedIn("D") };
        var j = AuthorisationCodeGrant.AZ009_RequestsLeftToTheServer(O(lenient), OpenRequest.WithoutPkce).Judgement;
        Assert.Equal(Verdict.Info, j.Verdict);
        Assert.Equal("token issued", j.Finding);
        var page = CodeGrant() with { WithoutDeviceScope = EndedOn("D", 400) };
        Assert.Equal("refused at authorisation: 400 page", AuthorisationCodeGrant.AZ009_RequestsLeftToTheServer(O(page), OpenRequest.WithoutDeviceScope).Judgement.Finding);
    }
}
