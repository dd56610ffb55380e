using Conformance.Harness.Catalogue;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.Locking.Checks;
using Conformance.Suites.Locking.Observations;
using Xunit;
using static Conformance.Tests.Support.ConformantLock;
using static Conformance.Tests.Support.Responses;

namespace Conformance.Tests.Judges;

/// <summary>The lock sweep's judges (LK-001…LK-006, LK-011…LK-013, LK-015) over hand-made observations.</summary>
public sealed class LockSweepTests
{
    private static LockObservations Answering(MatrixResponse r, MatrixResponse? withoutToken = null, params string[] unavailable) =>
        With(Locked with { RequiredAuth = Sweep(Sent(Sync, r, withoutToken, unavailable)) });

    private static readonly Func<LockObservations, Endpoint, Outcome>[] RequiredAuthJudges =
        [LockSweep.LK001_Status401, LockSweep.LK002_ErrcodeUserLocked, LockSweep.LK003_SoftLogoutTrue, LockSweep.LK004_StandardError];

    [Fact]
    public void A_conformant_server_passes_every_case()
    {
        foreach (var judge in RequiredAuthJudges) Assert.Equal(Verdict.Pass, judge(Observations, SetDisplayName).Verdict);
        Assert.Equal("error text: \"This account has been locked\"", LockSweep.LK005_ErrorText(Observations, Sync).Judgement.Finding);
        Assert.Equal(Verdict.Pass, LockSweep.LK006_OptionalAuthLocked(Observations, Versions, strict: true).Verdict);
        Assert.Equal(Verdict.Pass, LockSweep.LK011_OAuthTokensLocked(Observations, Sync).Verdict);
        Assert.Equal(Verdict.Pass, LockSweep.LK012_OptionsRunsNoLogic(Observations, Sync).Verdict);
        Assert.Equal("lock enforced", LockSweep.LK013_NoAuthEndpoints(Observations, PublicRooms).Judgement.Finding);
        Assert.Equal(Verdict.Pass, LockSweep.LK015_QueryTokensLocked(Observations, Sync).Verdict);
    }

    [Fact]
    public void The_subject_is_the_operation_and_the_evidence_its_answer()
    {
        var outcome = LockSweep.LK001_Status401(Observations, SetDisplayName);
        Assert.Equal("PUT /_matrix/client/v3/profile/{userId}/displayname", outcome.Subject);
        Assert.Equal(401, Assert.Single(outcome.Exchanges).Status);
        Assert.Equal("OPTIONS /_matrix/client/v3/sync", LockSweep.LK012_OptionsRunsNoLogic(Observations, Sync).Subject);
    }

    [Fact]
    public void Without_a_lock_every_case_reports_why()
    {
        var skip = LockSweep.LK001_Status401(NoAdapter, Sync).Judgement;
        Assert.Equal(Verdict.Skip, skip.Verdict);
        Assert.Equal("no admin lock API; no Synapse admin API", skip.Detection);
        Assert.Equal(Verdict.Skip, LockSweep.LK012_OptionsRunsNoLogic(NoAdapter, Sync).Verdict);
        Assert.Equal(Verdict.Skip, LockSweep.LK013_NoAuthEndpoints(NoAdapter, PublicRooms).Verdict);
        Assert.Equal(Verdict.Error, LockSweep.LK005_ErrorText(LockRefused, Sync).Verdict);
        Assert.Equal(Verdict.Error, LockSweep.LK006_OptionalAuthLocked(LockRefused, Versions, strict: true).Verdict);
    }

    [Fact]
    public void A_success_is_a_bypass_and_fails_the_sweep()
    {
        var o = Answering(Json(200, "{}"));
        foreach (var judge in RequiredAuthJudges) Assert.Equal(Verdict.Fail, judge(o, Sync).Verdict);
        Assert.Contains("bypassed", LockSweep.LK001_Status401(o, Sync).Reason);
        Assert.StartsWith("not a lock error (200", LockSweep.LK005_ErrorText(o, Sync).Judgement.Finding);
    }

    [Fact]
    public void Each_part_of_the_lock_error_is_judged_by_its_own_check()
    {
        var forbidden = Answering(Json(403, """{"errcode":"M_USER_LOCKED","error":"x","soft_logout":true}"""));
        Assert.Equal(Verdict.Fail, LockSweep.LK001_Status401(forbidden, Sync).Verdict);
        Assert.Equal(Verdict.Pass, LockSweep.LK002_ErrcodeUserLocked(forbidden, Sync).Verdict);

        var unstable = Answering(Json(401, """{"errcode":"ORG_MATRIX_MSC3939_USER_LOCKED","error":"x","soft_logout":true}"""));
        Assert.Equal(Verdict.Fail, LockSweep.LK002_ErrcodeUserLocked(unstable, Sync).Verdict);
        Assert.Equal(Verdict.Pass, LockSweep.LK003_SoftLogoutTrue(unstable, Sync).Verdict);
        Assert.Equal("not a lock error (401 ORG_MATRIX_MSC3939_USER_LOCKED)", LockSweep.LK005_ErrorText(unstable, Sync).Judgement.Finding);

        var noSoftLogout = Answering(Json(401, """{"errcode":"M_USER_LOCKED","error":"x"}"""));
        Assert.Equal(Verdict.Fail, LockSweep.LK003_SoftLogoutTrue(noSoftLogout, Sync).Verdict);

        var plainText = Answering(Text(401, """{"errcode":"M_USER_LOCKED","error":"x","soft_logout":true}""", "text/plain"));
        Assert.Contains("text/plain", LockSweep.LK004_StandardError(plainText, Sync).Reason);

        var noText = Answering(Json(401, """{"errcode":"M_USER_LOCKED","error":"","soft_logout":true}"""));
        Assert.Equal("no error text", LockSweep.LK005_ErrorText(noText, Sync).Judgement.Finding);
    }

    [Fact]
    public void Answers_that_do_not_judge_the_lock_are_error_inconclusive_or_skip()
    {
        Assert.Equal(Verdict.Error, LockSweep.LK001_Status401(Answering(NoAnswer()), Sync).Verdict);
        Assert.Equal(Verdict.Inconclusive, LockSweep.LK002_ErrcodeUserLocked(Answering(Error(429, "M_LIMIT_EXCEEDED")), Sync).Verdict);

        var unrecognized = Error(404, "M_UNRECOGNIZED");
        var skip = LockSweep.LK003_SoftLogoutTrue(Answering(unrecognized, unrecognized), Sync);
        Assert.Equal(Verdict.Skip, skip.Verdict);
        Assert.Equal(2, skip.Exchanges.Count);
        Assert.Equal(Verdict.Fail, LockSweep.LK001_Status401(Answering(unrecognized, Error(401, "M_MISSING_TOKEN")), Sync).Verdict);

        var validated = LockSweep.LK004_StandardError(Answering(Error(400, "M_BAD_JSON"), null, "room"), Sync);
        Assert.Equal(Verdict.Inconclusive, validated.Verdict);
        Assert.Contains("could not be prepared (room)", validated.Reason);
    }

    [Fact]
    public void An_operation_the_sweep_did_not_send_is_an_error()
    {
        Assert.Equal(Verdict.Error, LockSweep.LK001_Status401(Observations, Op("notSent", "GET", "/x")).Verdict);
        Assert.Equal(Verdict.Error, LockSweep.LK012_OptionsRunsNoLogic(Observations, Op("notSent", "GET", "/x")).Verdict);
        Assert.Equal(Verdict.Error, LockSweep.LK013_NoAuthEndpoints(Observations, Op("notSent", "GET", "/x")).Verdict);
    }

    [Fact]
    public void An_optional_auth_endpoint_that_serves_a_locked_token_breaches_LK006_unless_strict_is_off()
    {
        var o = With(Locked with { OptionalAuth = Sweep(Sent(Versions, Json(200, """{"versions":["v1.12"]}"""))) });
        var strict = LockSweep.LK006_OptionalAuthLocked(o, Versions, strict: true).Judgement;
        Assert.True(strict.IsBreach);
        Assert.Equal(Verdict.Fail, strict.AtLevel(CheckLevels.Must).Verdict);

        var lenient = LockSweep.LK006_OptionalAuthLocked(o, Versions, strict: false).Judgement;
        Assert.Equal(Verdict.Info, lenient.Verdict);
        Assert.Equal("not locked here (strict reading off)", lenient.Finding);
        Assert.Contains("strict: false", lenient.Reason);

        Assert.Equal(Verdict.Pass, LockSweep.LK006_OptionalAuthLocked(Observations, Versions, strict: false).Verdict);
        Assert.Equal(Verdict.Inconclusive, LockSweep.LK006_OptionalAuthLocked(With(Locked with { OptionalAuth = Sweep(Sent(Versions, Error(429, "M_LIMIT_EXCEEDED"))) }), Versions, strict: false).Verdict);
    }

    [Fact]
    public void OAuth_tokens_are_judged_when_the_server_offers_OAuth_and_skipped_when_not()
    {
        var bypass = With(Locked with { OAuthToken = Sweep(Sent(Sync, Json(200, "{}"))) });
        Assert.True(LockSweep.LK011_OAuthTokensLocked(bypass, Sync).Judgement.IsBreach);

        var noOAuth = With(Locked with { OAuthToken = Observed.NotSeen<SweepAnswers>(Judgement.Skip("no OAuth 2.0 API", "GET /auth_metadata returned 404 M_UNRECOGNIZED")) });
        var skip = LockSweep.LK011_OAuthTokensLocked(noOAuth, Sync).Judgement;
        Assert.Equal(Verdict.Skip, skip.Verdict);
        Assert.Equal("GET /auth_metadata returned 404 M_UNRECOGNIZED", skip.Detection);

        var loginFailed = With(Locked with { OAuthToken = Observed.NotSeen<SweepAnswers>(Judgement.Error("the login form could not be driven")) });
        Assert.Equal(Verdict.Error, LockSweep.LK011_OAuthTokensLocked(loginFailed, Sync).Verdict);
    }

    [Fact]
    public void OPTIONS_that_runs_authentication_fails_LK012()
    {
        var locked = With(Locked with { Options = Sweep(Sent(Sync, LockError("OPTIONS"))) });
        Assert.Equal(Verdict.Fail, LockSweep.LK012_OptionsRunsNoLogic(locked, Sync).Verdict);
        var unauthorized = With(Locked with { Options = Sweep(Sent(Sync, Error(401, "M_MISSING_TOKEN", "OPTIONS"))) });
        Assert.Equal(Verdict.Fail, LockSweep.LK012_OptionsRunsNoLogic(unauthorized, Sync).Verdict);
        var lost = With(Locked with { Options = Sweep(Sent(Sync, NoAnswer("OPTIONS"))) });
        Assert.Equal(Verdict.Error, LockSweep.LK012_OptionsRunsNoLogic(lost, Sync).Verdict);
    }

    [Fact]
    public void LK013_records_what_a_no_auth_endpoint_does_with_a_locked_token()
    {
        LockObservations Answering(MatrixResponse r) => With(Locked with { NoAuth = Sweep(Sent(PublicRooms, r)) });
        Assert.Equal("token ignored", LockSweep.LK013_NoAuthEndpoints(Answering(Json(200, """{"chunk":[]}""")), PublicRooms).Judgement.Finding);
        Assert.Equal("answered 403 M_FORBIDDEN", LockSweep.LK013_NoAuthEndpoints(Answering(Error(403, "M_FORBIDDEN")), PublicRooms).Judgement.Finding);
        // Recorded, not judged: a rate limit is a finding too, but a missing answer is an error.
        Assert.Equal(Verdict.Info, LockSweep.LK013_NoAuthEndpoints(Answering(Error(429, "M_LIMIT_EXCEEDED")), PublicRooms).Verdict);
        Assert.Equal(Verdict.Error, LockSweep.LK013_NoAuthEndpoints(Answering(NoAnswer()), PublicRooms).Verdict);
    }

    [Fact]
    public void Query_string_tokens_are_skipped_on_a_v1_20_server_and_judged_before()
    {
        var v120 = With(Locked with { QueryToken = Observed.NotSeen<SweepAnswers>(Judgement.Skip("only v1.20 on", "GET /_matrix/client/versions lists v1.20")) });
        Assert.Equal(Verdict.Skip, LockSweep.LK015_QueryTokensLocked(v120, Sync).Verdict);

        var bypass = With(Locked with { QueryToken = Sweep(Sent(Sync, Json(200, "{}"))) });
        var j = LockSweep.LK015_QueryTokensLocked(bypass, Sync).Judgement;
        Assert.True(j.IsBreach);
        Assert.Contains("bypassed", j.Reason);
    }
}
