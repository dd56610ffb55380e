using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.Locking.Checks;
using Conformance.Suites.Locking.Observations;
using Xunit;
using static Conformance.Tests.Support.ConformantLock;
using static Conformance.Tests.Support.Responses;

namespace Conformance.Tests.Judges;

/// <summary>The lock lifecycle's judges (LK-007…LK-010) over hand-made observations.</summary>
public sealed class LockLifecycleTests
{
    private static readonly Judgement UnlockRefused = Judgement.Error("Could not unlock the test account with the msc4323 adapter: 500.");
    private static readonly MatrixResponse Ok = Json(200, "{}", "POST", "/_matrix/client/v3/logout");

    [Fact]
    public void A_conformant_server_passes_every_case()
    {
        foreach (var kind in Enum.GetValues<LogoutKind>()) Assert.Equal(Verdict.Pass, LockLifecycle.LK007_LogoutWhileLocked(Observations, kind).Verdict);
        foreach (var stage in Enum.GetValues<LockStage>()) Assert.Equal(Verdict.Pass, LockLifecycle.LK008_TokensSurvive(Observations, stage).Verdict);
        Assert.Equal(Verdict.Pass, LockLifecycle.LK009_NothingTookEffect(Observations, Profile).Verdict);
        foreach (var grant in Enum.GetValues<TokenGrant>()) Assert.Equal(Verdict.Pass, LockLifecycle.LK010_NoNewToken(Observations, grant).Verdict);
    }

    [Fact]
    public void Without_a_lock_every_case_reports_why()
    {
        foreach (var kind in Enum.GetValues<LogoutKind>()) Assert.Equal(Verdict.Skip, LockLifecycle.LK007_LogoutWhileLocked(NoAdapter, kind).Verdict);
        foreach (var stage in Enum.GetValues<LockStage>()) Assert.Equal(Verdict.Error, LockLifecycle.LK008_TokensSurvive(LockRefused, stage).Verdict);
        var skip = LockLifecycle.LK009_NothingTookEffect(NoAdapter, Profile);
        Assert.Equal(Verdict.Skip, skip.Verdict);
        Assert.Equal("GET /_matrix/client/v3/profile/{user}", skip.Subject);
        Assert.Equal(Verdict.Skip, LockLifecycle.LK010_NoNewToken(NoAdapter, TokenGrant.Login).Verdict);
    }

    [Fact]
    public void A_logout_refused_with_the_lock_error_fails_LK007()
    {
        var o = With(Locked with { Logout = new LogoutAnswer(LockError("POST", "/_matrix/client/v3/logout"), [Whoami(Session1)]) });
        var j = LockLifecycle.LK007_LogoutWhileLocked(o, LogoutKind.Logout);
        Assert.Equal(Verdict.Fail, j.Verdict);
        Assert.Contains("refused with the lock error", j.Reason);
        Assert.Equal(2, j.Exchanges.Count);
    }

    [Fact]
    public void A_logout_that_fails_otherwise_or_leaves_tokens_alive_fails_LK007()
    {
        var refused = Observations with { LogoutAll = new LogoutAnswer(Error(500, "M_UNKNOWN", "POST"), [UnknownToken]) };
        Assert.Contains("must work", LockLifecycle.LK007_LogoutWhileLocked(refused, LogoutKind.LogoutAll).Reason);
        var alive = Observations with { LogoutAll = new LogoutAnswer(Ok, [UnknownToken, Whoami(Session2)]) };
        var j = LockLifecycle.LK007_LogoutWhileLocked(alive, LogoutKind.LogoutAll);
        Assert.Equal(Verdict.Fail, j.Verdict);
        Assert.Contains("the user's tokens still got 200", j.Reason);
    }

    [Fact]
    public void LK007_errors_on_a_missing_answer_and_reports_why_logout_all_did_not_run()
    {
        var lost = With(Locked with { Logout = new LogoutAnswer(Ok, [NoAnswer(path: "/_matrix/client/v3/account/whoami")]) });
        Assert.Equal(Verdict.Error, LockLifecycle.LK007_LogoutWhileLocked(lost, LogoutKind.Logout).Verdict);

        var unusable = Observations with { LogoutAll = Observed.NotSeen<LogoutAnswer>(Judgement.Inconclusive("After unlocking, the account could not be used.")) };
        Assert.Equal(Verdict.Inconclusive, LockLifecycle.LK007_LogoutWhileLocked(unusable, LogoutKind.LogoutAll).Verdict);
        Assert.Equal(Verdict.Pass, LockLifecycle.LK007_LogoutWhileLocked(unusable, LogoutKind.Logout).Verdict);
    }

    [Fact]
    public void A_token_treated_as_invalid_while_locked_breaches_LK008()
    {
        var o = With(Locked with { TokensWhileLocked = [UnknownToken, LockError()] });
        var j = LockLifecycle.LK008_TokensSurvive(o, LockStage.WhileLocked).Judgement;
        Assert.True(j.IsBreach);
        Assert.Equal(Verdict.Warn, j.AtLevel(CheckLevels.Should).Verdict);
        Assert.Contains("GET /_matrix/client/v3/account/whoami answered 401 M_UNKNOWN_TOKEN", j.Reason);

        // Every answer to the locked tokens counts, the query-string sample too, when it ran.
        var inQuery = With(Locked with { QueryToken = Sweep(Sent(Sync, Error(401, "M_UNKNOWN_TOKEN"))) });
        Assert.True(LockLifecycle.LK008_TokensSurvive(inQuery, LockStage.WhileLocked).Judgement.IsBreach);
        var noQuery = With(Locked with { QueryToken = Observed.NotSeen<SweepAnswers>(Judgement.Skip("v1.20", "versions")) });
        Assert.Contains("5 answers", LockLifecycle.LK008_TokensSurvive(noQuery, LockStage.WhileLocked).Reason);
    }

    [Fact]
    public void Tokens_that_do_not_work_again_after_unlocking_breach_LK008()
    {
        var revoked = With(new UnlockedPhase([new(Session1, Whoami(Session1)), new(Session2, UnknownToken)], Unlocked.StateAfter));
        var j = LockLifecycle.LK008_TokensSurvive(revoked, LockStage.AfterUnlock).Judgement;
        Assert.True(j.IsBreach);
        Assert.Contains("the token of device DEV2 got 401 M_UNKNOWN_TOKEN", j.Reason);

        var otherDevice = With(new UnlockedPhase([new(Session1, Whoami(Session1)), new(Session2, Whoami(Session1))], Unlocked.StateAfter));
        Assert.Contains("for user @subject:hs, device DEV1", LockLifecycle.LK008_TokensSurvive(otherDevice, LockStage.AfterUnlock).Reason);
    }

    [Fact]
    public void LK008_after_unlock_errors_on_a_missing_answer_or_a_refused_unlock()
    {
        var lost = With(new UnlockedPhase([new(Session1, Whoami(Session1)), new(Session2, NoAnswer())], Unlocked.StateAfter));
        Assert.Equal(Verdict.Error, LockLifecycle.LK008_TokensSurvive(lost, LockStage.AfterUnlock).Verdict);
        var refused = Observations with { Unlocked = Observed.NotSeen<UnlockedPhase>(UnlockRefused) };
        Assert.Equal(UnlockRefused, LockLifecycle.LK008_TokensSurvive(refused, LockStage.AfterUnlock).Judgement);
        Assert.Equal(Verdict.Pass, LockLifecycle.LK008_TokensSurvive(refused, LockStage.WhileLocked).Verdict);
    }

    [Fact]
    public void State_changed_while_locked_fails_LK009()
    {
        var changed = With(Unlocked with { StateAfter = Observed.Of<IReadOnlyDictionary<string, MatrixResponse>>(new Dictionary<string, MatrixResponse> { ["profile"] = Json(200, """{"displayname":"LK lkabc"}""") }) });
        var j = LockLifecycle.LK009_NothingTookEffect(changed, Profile);
        Assert.Equal(Verdict.Fail, j.Verdict);
        Assert.Contains("""After: {"status":200,"displayname":"LK lkabc"}""", j.Reason);
        Assert.Contains("setDisplayName → 401 M_USER_LOCKED", j.Reason);
        Assert.Equal(3, j.Exchanges.Count);
    }

    [Fact]
    public void LK009_is_inconclusive_when_the_account_is_unusable_and_errors_without_an_answer_or_an_unlock()
    {
        var unusable = With(Unlocked with { StateAfter = Observed.NotSeen<IReadOnlyDictionary<string, MatrixResponse>>(Judgement.Inconclusive("the account could not be used")) });
        Assert.Equal(Verdict.Inconclusive, LockLifecycle.LK009_NothingTookEffect(unusable, Profile).Verdict);
        var lost = With(Unlocked with { StateAfter = Observed.Of<IReadOnlyDictionary<string, MatrixResponse>>(new Dictionary<string, MatrixResponse> { ["profile"] = NoAnswer() }) });
        Assert.Equal(Verdict.Error, LockLifecycle.LK009_NothingTookEffect(lost, Profile).Verdict);
        Assert.Equal(Verdict.Error, LockLifecycle.LK009_NothingTookEffect(Observations with { Unlocked = Observed.NotSeen<UnlockedPhase>(UnlockRefused) }, Profile).Verdict);
        Assert.Equal(Verdict.Error, LockLifecycle.LK009_NothingTookEffect(Observations, new() { Id = "unread", Request = "GET /x" }).Verdict);
    }

    [Fact]
    public void A_read_back_the_server_fails_on_is_inconclusive_not_a_change_LK009()
    {
        var failed = With(Unlocked with { StateAfter = Observed.Of<IReadOnlyDictionary<string, MatrixResponse>>(new Dictionary<string, MatrixResponse> { ["profile"] = Error(500, "M_UNKNOWN", path: "/_matrix/client/v3/profile/@subject:hs") }) });
        var j = LockLifecycle.LK009_NothingTookEffect(failed, Profile);
        Assert.Equal(Verdict.Inconclusive, j.Verdict);
        Assert.Equal("GET /_matrix/client/v3/profile/@subject:hs answered 500 M_UNKNOWN: the server failed, so what it would have shown is unknown.", j.Reason);
    }

    [Fact]
    public void A_token_issued_while_locked_fails_LK010()
    {
        var issued = Json(200, """{"access_token":"new","user_id":"@subject:hs"}""", "POST");
        var o = With(Locked with { LoginWhileLocked = issued, RefreshWhileLocked = issued, OAuthRefreshWhileLocked = issued });
        foreach (var grant in Enum.GetValues<TokenGrant>()) Assert.Equal(Verdict.Fail, LockLifecycle.LK010_NoNewToken(o, grant).Verdict);
    }

    [Fact]
    public void No_token_but_not_the_lock_error_warns_LK010_except_for_the_OAuth_grant()
    {
        var forbidden = Error(403, "M_FORBIDDEN", "POST", "/_matrix/client/v3/login");
        var o = With(Locked with { LoginWhileLocked = forbidden, OAuthRefreshWhileLocked = Json(401, """{"error":"invalid_grant"}""", "POST") });
        var j = LockLifecycle.LK010_NoNewToken(o, TokenGrant.Login);
        Assert.Equal(Verdict.Warn, j.Verdict);
        Assert.Contains("soft_logout absent", j.Reason);
        Assert.Equal("No access token was issued (401 invalid_grant).", LockLifecycle.LK010_NoNewToken(o, TokenGrant.OAuthRefresh).Reason);
    }

    [Fact]
    public void LK010_skips_what_the_server_does_not_issue_and_errors_on_a_missing_answer()
    {
        var noRefresh = With(Locked with { RefreshWhileLocked = Observed.NotSeen<MatrixResponse>(Judgement.Skip("no refresh token", "POST /login returned no refresh_token")) });
        Assert.Equal(Verdict.Skip, LockLifecycle.LK010_NoNewToken(noRefresh, TokenGrant.Refresh).Verdict);
        Assert.Equal(Verdict.Pass, LockLifecycle.LK010_NoNewToken(noRefresh, TokenGrant.Login).Verdict);
        var noOAuth = With(Locked with { OAuthRefreshWhileLocked = Observed.NotSeen<MatrixResponse>(Judgement.Skip("no OAuth 2.0 API", "auth_metadata 404")) });
        Assert.Equal(Verdict.Skip, LockLifecycle.LK010_NoNewToken(noOAuth, TokenGrant.OAuthRefresh).Verdict);
        var lost = With(Locked with { LoginWhileLocked = NoAnswer("POST", "/_matrix/client/v3/login") });
        Assert.Equal(Verdict.Error, LockLifecycle.LK010_NoNewToken(lost, TokenGrant.Login).Verdict);
    }

    [Fact]
    public void An_account_still_locked_after_the_unlock_makes_LK008_inconclusive_and_says_so()
    {
        var stillLocked = With(new UnlockedPhase([new(Session1, LockError(path: "/_matrix/client/v3/account/whoami")), new(Session2, LockError(path: "/_matrix/client/v3/account/whoami"))], Unlocked.StateAfter));
        var j = LockLifecycle.LK008_TokensSurvive(stillLocked, LockStage.AfterUnlock);
        Assert.Equal(Verdict.Inconclusive, j.Verdict);
        Assert.Contains("still locked", j.Reason);
        Assert.DoesNotContain("log in again", j.Reason);
    }

    [Fact]
    public void A_read_back_whose_endpoint_the_server_lacks_is_a_skip_not_a_pass_of_LK009()
    {
        var unknown = Error(404, "M_UNRECOGNIZED", path: "/_matrix/client/v3/profile/@subject:hs");
        var o = Observations with
        {
            Prepared = new LockPreparation(new Dictionary<string, MatrixResponse> { ["profile"] = unknown }),
            Unlocked = Unlocked with { StateAfter = Observed.Of<IReadOnlyDictionary<string, MatrixResponse>>(new Dictionary<string, MatrixResponse> { ["profile"] = unknown }) },
        };
        var j = LockLifecycle.LK009_NothingTookEffect(o, Profile);
        Assert.Equal(Verdict.Skip, j.Verdict);
        Assert.Contains("404 M_UNRECOGNIZED before the lock", j.Judgement.Detection);
        // A 404 that names a missing resource is a real reading: unchanged, it passes.
        var missing = Error(404, "M_NOT_FOUND", path: "/_matrix/client/v3/profile/@subject:hs");
        var read = Observations with
        {
            Prepared = new LockPreparation(new Dictionary<string, MatrixResponse> { ["profile"] = missing }),
            Unlocked = Unlocked with { StateAfter = Observed.Of<IReadOnlyDictionary<string, MatrixResponse>>(new Dictionary<string, MatrixResponse> { ["profile"] = missing }) },
        };
        Assert.Equal(Verdict.Pass, LockLifecycle.LK009_NothingTookEffect(read, Profile).Verdict);
    }

    [Fact]
    public void A_refresh_token_the_lock_revoked_is_not_a_breach_of_LK010()
    {
        var o = With(Locked with { RefreshWhileLocked = Error(401, "M_UNKNOWN_TOKEN", "POST", "/_matrix/client/v3/refresh") });
        var j = LockLifecycle.LK010_NoNewToken(o, TokenGrant.Refresh);
        Assert.Equal(Verdict.Pass, j.Verdict);
        Assert.Contains("no longer known", j.Reason);
    }

    [Fact]
    public void LK017_passes_when_revocation_ends_a_locked_users_OAuth_token()
    {
        Assert.Equal(Verdict.Pass, LockLifecycle.LK017_RevocationWhileLocked(Observations).Verdict);
        Assert.Equal(Verdict.Skip, LockLifecycle.LK017_RevocationWhileLocked(NoAdapter).Verdict);
        var noOAuth = With(Locked with { OAuthRevocation = Observed.NotSeen<LogoutAnswer>(Judgement.Skip("The server does not offer the OAuth 2.0 API.", "GET /auth_metadata returned 404 M_UNRECOGNIZED")) });
        Assert.Equal("GET /auth_metadata returned 404 M_UNRECOGNIZED", LockLifecycle.LK017_RevocationWhileLocked(noOAuth).Judgement.Detection);
    }

    [Fact]
    public void LK017_breaches_when_a_locked_user_cannot_revoke_or_the_token_survives()
    {
        var refused = With(Locked with { OAuthRevocation = new LogoutAnswer(Json(403, """{"error":"access_denied"}""", "POST", "/oauth2/revoke"), [LockError(path: "/_matrix/client/v3/account/whoami")]) });
        var j = LockLifecycle.LK017_RevocationWhileLocked(refused).Judgement;
        Assert.True(j.IsBreach);
        Assert.Equal(Verdict.Warn, j.AtLevel(CheckLevels.Should).Verdict);
        Assert.Contains("403 access_denied", j.Reason);
        var survived = With(Locked with { OAuthRevocation = new LogoutAnswer(Json(200, "", "POST", "/oauth2/revoke"), [LockError(path: "/_matrix/client/v3/account/whoami")]) });
        Assert.Contains("it was not revoked", LockLifecycle.LK017_RevocationWhileLocked(survived).Reason);
        var lost = With(Locked with { OAuthRevocation = new LogoutAnswer(NoAnswer("POST", "/oauth2/revoke"), [UnknownToken]) });
        Assert.Equal(Verdict.Error, LockLifecycle.LK017_RevocationWhileLocked(lost).Verdict);
    }
}
