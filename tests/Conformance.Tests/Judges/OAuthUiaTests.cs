using Conformance.Harness.Checks;
using Conformance.Harness.OAuth;
using Conformance.Suites.AccountManagement.Checks;
using Conformance.Suites.AccountManagement.Observations;
using Xunit;
using static Conformance.Tests.Judges.OAuthApiSamples;
using static Conformance.Tests.Support.Responses;

namespace Conformance.Tests.Judges;

/// <summary>The m.oauth stage's judges over hand-made observations.</summary>
public sealed class OAuthUiaTests
{
    private static Observed<CrossSigningReplacement> O(CrossSigningReplacement? x = null) => Observed.Of(x ?? CrossSigning());

    [Fact]
    public void A_conformant_server_passes_every_case()
    {
        Assert.Equal(Verdict.Pass, OAuthUia.UO001_ReplacementAsksForTheStage(O()).Verdict);
        Assert.Equal(Verdict.Pass, OAuthUia.UO002_StageUrl(O()).Verdict);
        foreach (var step in Enum.GetValues<ApprovalStep>()) Assert.Equal(Verdict.Pass, OAuthUia.UO003_SessionCompletesAfterApproval(O(), step).Verdict);
        Assert.Equal("stable stage only", OAuthUia.UO004_StageBeyondTheSpec(O(), StageElsewhere.UnstableStage).Judgement.Finding);
        Assert.Equal("asks for [m.login.password]", OAuthUia.UO004_StageBeyondTheSpec(O(), StageElsewhere.DeviceDelete).Judgement.Finding);
    }

    [Fact]
    public void Without_an_OAuth_token_every_case_reports_why()
    {
        var none = Observed.NotSeen<CrossSigningReplacement>(NoOAuth);
        Assert.Equal(Verdict.Skip, OAuthUia.UO001_ReplacementAsksForTheStage(none).Verdict);
        Assert.Equal(Verdict.Skip, OAuthUia.UO002_StageUrl(none).Verdict);
        Assert.Equal(Verdict.Skip, OAuthUia.UO003_SessionCompletesAfterApproval(none, ApprovalStep.AfterApproval).Verdict);
        Assert.Equal(Verdict.Skip, OAuthUia.UO004_StageBeyondTheSpec(none, StageElsewhere.DeviceDelete).Verdict);
    }

    [Fact]
    public void A_replacement_without_UIA_or_without_the_stage_fails_UO001()
    {
        Assert.Equal(Verdict.Fail, OAuthUia.UO001_ReplacementAsksForTheStage(O(new CrossSigningReplacement(Uploaded, Uploaded))).Reported("UO-001"));
        var password = new CrossSigningReplacement(Uploaded, Challenge(stages: "m.login.password"));
        var j = OAuthUia.UO001_ReplacementAsksForTheStage(O(password));
        Assert.Equal(Verdict.Fail, j.Reported("UO-001"));
        Assert.Contains("[m.login.password]", j.Reason);
        Assert.Equal(Verdict.Inconclusive, OAuthUia.UO002_StageUrl(O(password)).Verdict);
        Assert.Equal(Verdict.Inconclusive, OAuthUia.UO003_SessionCompletesAfterApproval(O(password), ApprovalStep.BeforeApproval).Verdict);
        var firstRefused = new CrossSigningReplacement(Error(400, "M_INVALID_PARAM", "POST"), Challenge());
        Assert.Equal(Verdict.Inconclusive, OAuthUia.UO001_ReplacementAsksForTheStage(O(firstRefused)).Verdict);
        Assert.Equal(Verdict.Error, OAuthUia.UO001_ReplacementAsksForTheStage(O(new CrossSigningReplacement(Uploaded, NoAnswer("POST")))).Verdict);
    }

    [Fact]
    public void A_relative_url_fails_UO002_and_http_off_loopback_warns()
    {
        Assert.Equal(Verdict.Fail, OAuthUia.UO002_StageUrl(O(new CrossSigningReplacement(Uploaded, Challenge("/account/?action=org.matrix.cross_signing_reset")))).Reported("UO-002"));
        Assert.Equal(Verdict.Warn, OAuthUia.UO002_StageUrl(O(new CrossSigningReplacement(Uploaded, Challenge("http://auth.example.org/account/")))).Verdict);
        Assert.Equal(Verdict.Pass, OAuthUia.UO002_StageUrl(O(new CrossSigningReplacement(Uploaded, Challenge("http://127.0.0.1:8008/account/")))).Verdict);
    }

    [Fact]
    public void Completing_before_approval_or_not_after_it_fails_UO003()
    {
        var early = CrossSigning() with { SessionBeforeApproval = Uploaded };
        Assert.Equal(Verdict.Fail, OAuthUia.UO003_SessionCompletesAfterApproval(O(early), ApprovalStep.BeforeApproval).Reported("UO-003"));
        Assert.Equal(Verdict.Inconclusive, OAuthUia.UO003_SessionCompletesAfterApproval(O(early), ApprovalStep.AfterApproval).Verdict);
        var never = CrossSigning() with { SessionAfterApproval = Challenge() };
        var j = OAuthUia.UO003_SessionCompletesAfterApproval(O(never), ApprovalStep.AfterApproval);
        Assert.Equal(Verdict.Fail, j.Reported("UO-003"));
        Assert.Contains("still got 401", j.Reason);
    }

    [Fact]
    public void A_page_the_suite_cannot_use_without_a_browser_is_inconclusive_for_UO003()
    {
        var spa = CrossSigning() with
        {
            Approval = new PageWalk([SignInPage(), Text(200, "<div id=app></div>")], WalkEnd.NoForm, null, 0),
            SessionAfterApproval = Challenge(),
        };
        var j = OAuthUia.UO003_SessionCompletesAfterApproval(O(spa), ApprovalStep.AfterApproval);
        Assert.Equal(Verdict.Inconclusive, j.Verdict);
        Assert.Contains("over plain HTTP", j.Reason);
        var lost = CrossSigning() with { SessionAfterApproval = NoAnswer("POST") };
        Assert.Equal(Verdict.Error, OAuthUia.UO003_SessionCompletesAfterApproval(O(lost), ApprovalStep.AfterApproval).Verdict);
    }

    [Fact]
    public void UO004_records_the_unstable_stage_and_m_oauth_elsewhere()
    {
        var both = CrossSigning() with { };
        var twoFlows = new CrossSigningReplacement(Uploaded, Challenge(stages: ["m.oauth", "org.matrix.cross_signing_reset"]));
        Assert.Equal("unstable stage offered too", OAuthUia.UO004_StageBeyondTheSpec(O(twoFlows), StageElsewhere.UnstableStage).Judgement.Finding);
        var elsewhere = both with { DeleteDevice = Challenge() };
        Assert.Equal("m.oauth offered", OAuthUia.UO004_StageBeyondTheSpec(O(elsewhere), StageElsewhere.DeviceDelete).Judgement.Finding);
        var deleted = both with { DeleteDevice = Json(200, "{}", "DELETE") };
        Assert.Equal("deleted without authentication", OAuthUia.UO004_StageBeyondTheSpec(O(deleted), StageElsewhere.DeviceDelete).Judgement.Finding);
        var notTried = both with { DeleteDevice = Observed.NotSeen<Conformance.Harness.Matrix.MatrixResponse>(Judgement.Error("login failed")) };
        Assert.Equal(Verdict.Error, OAuthUia.UO004_StageBeyondTheSpec(O(notTried), StageElsewhere.DeviceDelete).Verdict);
    }
}
