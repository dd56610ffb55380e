using Conformance.Harness.Checks;
using Conformance.Harness.OAuth;
using Conformance.Suites.AccountManagement.Checks;
using Conformance.Suites.AccountManagement.Observations;
using Xunit;
using static Conformance.Tests.Judges.OAuthApiSamples;
using static Conformance.Tests.Support.Responses;

namespace Conformance.Tests.Judges;

/// <summary>The device authorisation grant's judges over hand-made observations.</summary>
public sealed class DeviceAuthorisationGrantTests
{
    private static Observed<DeviceGrantObservations> O(DeviceGrantObservations? g = null) => Observed.Of(g ?? DeviceGrant());
    private static DeviceApproval Approval => DeviceGrant().Approved.Value;

    [Fact]
    public void A_conformant_server_passes_every_case()
    {
        Assert.Equal(Verdict.Pass, DeviceAuthorisationGrant.DAG001_AuthorizationAnswer(O()).Verdict);
        Assert.Equal(Verdict.Pass, DeviceAuthorisationGrant.DAG002_CompleteVerificationUri(O()).Verdict);
        foreach (var p in Enum.GetValues<DevicePoll>()) Assert.Equal(Verdict.Pass, DeviceAuthorisationGrant.DAG003_PollingErrors(O(), p).Verdict);
        foreach (var t in Enum.GetValues<DeviceTokens>()) Assert.Equal(Verdict.Pass, DeviceAuthorisationGrant.DAG004_ApprovedDeviceGetsTokens(O(), t).Verdict);
    }

    [Fact]
    public void A_server_without_the_grant_skips_every_case_with_the_detection()
    {
        var none = Observed.NotSeen<DeviceGrantObservations>(Judgement.Skip("The server does not offer the device authorisation grant.", "grant_types_supported does not list it"));
        Assert.Equal("grant_types_supported does not list it", DeviceAuthorisationGrant.DAG001_AuthorizationAnswer(none).Judgement.Detection);
        Assert.Equal(Verdict.Skip, DeviceAuthorisationGrant.DAG002_CompleteVerificationUri(none).Verdict);
        Assert.Equal(Verdict.Skip, DeviceAuthorisationGrant.DAG003_PollingErrors(none, DevicePoll.Pending).Verdict);
        Assert.Equal(Verdict.Skip, DeviceAuthorisationGrant.DAG004_ApprovedDeviceGetsTokens(none, DeviceTokens.Device).Verdict);
    }

    [Fact]
    public void A_missing_field_fails_DAG001_and_a_missing_complete_uri_warns_on_DAG002()
    {
        var noUri = DeviceGrant() with { Authorization = DeviceAnswer("verification_uri") };
        var j = DeviceAuthorisationGrant.DAG001_AuthorizationAnswer(O(noUri));
        Assert.Equal(Verdict.Fail, j.Reported("DAG-001"));
        Assert.Contains("verification_uri", j.Reason);
        var refused = DeviceGrant() with { Authorization = OAuthError("unauthorized_client", path: "/oauth2/device") };
        Assert.Equal(Verdict.Fail, DeviceAuthorisationGrant.DAG001_AuthorizationAnswer(O(refused)).Reported("DAG-001"));
        Assert.Equal(Verdict.Inconclusive, DeviceAuthorisationGrant.DAG002_CompleteVerificationUri(O(refused)).Verdict);
        var noComplete = DeviceGrant() with { Authorization = DeviceAnswer("verification_uri_complete") };
        Assert.Equal(Verdict.Warn, DeviceAuthorisationGrant.DAG002_CompleteVerificationUri(O(noComplete)).Reported("DAG-002"));
        var lost = DeviceGrant() with { Authorization = NoAnswer("POST", "/oauth2/device") };
        Assert.Equal(Verdict.Error, DeviceAuthorisationGrant.DAG001_AuthorizationAnswer(O(lost)).Verdict);
    }

    [Fact]
    public void Polls_answered_with_the_wrong_error_or_a_token_fail_DAG003()
    {
        var wrong = DeviceGrant() with { PendingPoll = OAuthError("invalid_grant"), UnknownPoll = TokenAnswer() };
        var j = DeviceAuthorisationGrant.DAG003_PollingErrors(O(wrong), DevicePoll.Pending);
        Assert.Equal(Verdict.Fail, j.Reported("DAG-003"));
        Assert.Contains("authorization_pending or slow_down", j.Reason);
        Assert.Contains("an access token", DeviceAuthorisationGrant.DAG003_PollingErrors(O(wrong), DevicePoll.UnknownCode).Reason);
        var slow = DeviceGrant() with { PendingPoll = OAuthError("slow_down") };
        Assert.Equal(Verdict.Pass, DeviceAuthorisationGrant.DAG003_PollingErrors(O(slow), DevicePoll.Pending).Verdict);
        var noCode = DeviceGrant() with { PendingPoll = Observed.NotSeen<Conformance.Harness.Matrix.MatrixResponse>(Judgement.Inconclusive("no device_code")) };
        Assert.Equal(Verdict.Inconclusive, DeviceAuthorisationGrant.DAG003_PollingErrors(O(noCode), DevicePoll.Pending).Verdict);
    }

    [Fact]
    public void An_approved_device_without_tokens_fails_DAG004_unless_the_suite_could_not_approve()
    {
        var noRefresh = DeviceGrant() with { Approved = Approval with { Poll = Json(200, """{"access_token":"at","token_type":"Bearer","expires_in":300}""", "POST", "/oauth2/token") } };
        Assert.Equal(Verdict.Fail, DeviceAuthorisationGrant.DAG004_ApprovedDeviceGetsTokens(O(noRefresh), DeviceTokens.RefreshToken).Reported("DAG-004"));
        var otherDevice = DeviceGrant() with { Approved = Approval with { Whoami = Whoami("ELSEWHERE") } };
        Assert.Contains("not @oauth:hs on the requested DEVDEVICE0", DeviceAuthorisationGrant.DAG004_ApprovedDeviceGetsTokens(O(otherDevice), DeviceTokens.Device).Reason);

        var pending = DeviceGrant() with { Approved = Approval with { Poll = OAuthError("authorization_pending"), Whoami = null } };
        var j = DeviceAuthorisationGrant.DAG004_ApprovedDeviceGetsTokens(O(pending), DeviceTokens.Device);
        Assert.Equal(Verdict.Fail, j.Reported("DAG-004"));
        Assert.Contains("was approved at its verification page", j.Reason);
        var spa = DeviceGrant() with { Approved = Approval with { Poll = OAuthError("authorization_pending"), Whoami = null, Walk = new PageWalk([Text(200, "<div id=app></div>")], WalkEnd.NoForm, null, 0) } };
        Assert.Equal(Verdict.Inconclusive, DeviceAuthorisationGrant.DAG004_ApprovedDeviceGetsTokens(O(spa), DeviceTokens.Device).Verdict);
        var stuck = DeviceGrant() with { Approved = Approval with { Poll = OAuthError("authorization_pending"), Whoami = null, Walk = new PageWalk([SignInPage()], WalkEnd.TooManyPages, null, 0) } };
        Assert.Equal(Verdict.Inconclusive, DeviceAuthorisationGrant.DAG004_ApprovedDeviceGetsTokens(O(stuck), DeviceTokens.Device).Verdict);
        var noLink = DeviceGrant() with { Approved = Approval with { Poll = OAuthError("authorization_pending"), Whoami = null, Walk = null } };
        Assert.Equal(Verdict.Inconclusive, DeviceAuthorisationGrant.DAG004_ApprovedDeviceGetsTokens(O(noLink), DeviceTokens.RefreshToken).Verdict);
    }
}
