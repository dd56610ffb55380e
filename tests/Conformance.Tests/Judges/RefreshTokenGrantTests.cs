using Conformance.Harness.Checks;
using Conformance.Suites.AccountManagement.Checks;
using Conformance.Suites.AccountManagement.Observations;
using Xunit;
using static Conformance.Tests.Judges.OAuthApiSamples;
using static Conformance.Tests.Support.Responses;

namespace Conformance.Tests.Judges;

/// <summary>The refresh token grant's judges over hand-made observations.</summary>
public sealed class RefreshTokenGrantTests
{
    private static readonly RefreshObservations Ok = Refresh();
    private static RefreshRotation Rotation => Ok.Rotation.Value;
    private static RefreshRetry Retry => Ok.Retry.Value;

    [Fact]
    public void A_conformant_server_passes_every_check()
    {
        Assert.Equal(Verdict.Pass, RefreshTokenGrant.RF001_RefreshGivesAWorkingToken(Ok).Verdict);
        Assert.Equal(Verdict.Pass, RefreshTokenGrant.RF002_LostAnswerCanBeRetried(Ok).Verdict);
        Assert.Equal(Verdict.Pass, RefreshTokenGrant.RF003_RefreshTokensRotate(Ok).Verdict);
        Assert.Equal(Verdict.Pass, RefreshTokenGrant.RF004_ReplayEndsTheSession(Ok).Verdict);
    }

    [Fact]
    public void Without_a_session_every_check_reports_why()
    {
        var none = new RefreshObservations(Observed.NotSeen<RefreshRetry>(NoOAuth), Observed.NotSeen<RefreshRotation>(NoOAuth));
        Assert.Equal(Verdict.Skip, RefreshTokenGrant.RF001_RefreshGivesAWorkingToken(none).Verdict);
        Assert.Equal(Verdict.Skip, RefreshTokenGrant.RF002_LostAnswerCanBeRetried(none).Verdict);
        Assert.Equal(Verdict.Skip, RefreshTokenGrant.RF003_RefreshTokensRotate(none).Verdict);
        Assert.Equal(Verdict.Skip, RefreshTokenGrant.RF004_ReplayEndsTheSession(none).Verdict);
    }

    [Fact]
    public void A_refresh_that_fails_or_moves_the_device_fails_RF001()
    {
        var refused = Ok with { Rotation = Rotation with { Refresh = OAuthError("invalid_grant"), WhoamiNew = null, Replay = null, WhoamiAfterReplay = null } };
        Assert.Equal(Verdict.Fail, RefreshTokenGrant.RF001_RefreshGivesAWorkingToken(refused).Reported("RF-001"));
        var moved = Ok with { Rotation = Rotation with { WhoamiNew = Whoami("ANOTHERDEV") } };
        var j = RefreshTokenGrant.RF001_RefreshGivesAWorkingToken(moved);
        Assert.Equal(Verdict.Fail, j.Reported("RF-001"));
        Assert.Contains("on device ANOTHERDEV", j.Reason);
        var lost = Ok with { Rotation = Rotation with { Refresh = NoAnswer("POST", "/oauth2/token") } };
        Assert.Equal(Verdict.Error, RefreshTokenGrant.RF001_RefreshGivesAWorkingToken(lost).Verdict);
    }

    [Fact]
    public void A_retry_that_is_refused_fails_RF002()
    {
        var strict = Ok with { Retry = Retry with { Retry = OAuthError("invalid_grant"), WhoamiAfterRetry = null } };
        var j = RefreshTokenGrant.RF002_LostAnswerCanBeRetried(strict);
        Assert.Equal(Verdict.Fail, j.Reported("RF-002"));
        Assert.Contains("cannot recover", j.Reason);
        var firstFailed = Ok with { Retry = Retry with { First = OAuthError("invalid_grant") } };
        Assert.Equal(Verdict.Inconclusive, RefreshTokenGrant.RF002_LostAnswerCanBeRetried(firstFailed).Verdict);
    }

    [Fact]
    public void A_refresh_token_that_is_not_replaced_or_stays_valid_warns_on_RF003()
    {
        var same = Ok with { Rotation = Rotation with { Refresh = TokenAnswer("at2", Rotation.Session.RefreshToken!) } };
        Assert.Equal(Verdict.Warn, RefreshTokenGrant.RF003_RefreshTokensRotate(same).Reported("RF-003"));
        var stays = Ok with { Rotation = Rotation with { Replay = TokenAnswer("at3", "rt3") } };
        var j = RefreshTokenGrant.RF003_RefreshTokensRotate(stays);
        Assert.Equal(Verdict.Warn, j.Reported("RF-003"));
        Assert.Contains("still worked", j.Reason);
        Assert.Equal(Verdict.Inconclusive, RefreshTokenGrant.RF004_ReplayEndsTheSession(stays).Verdict);
        var noToken = Ok with { Rotation = Rotation with { WhoamiNew = UnknownToken } };
        Assert.Equal(Verdict.Inconclusive, RefreshTokenGrant.RF003_RefreshTokensRotate(noToken).Verdict);
    }

    [Fact]
    public void A_replay_that_leaves_the_session_alive_warns_on_RF004()
    {
        var alive = Ok with { Rotation = Rotation with { WhoamiAfterReplay = Whoami("DEVROTATE0") } };
        var j = RefreshTokenGrant.RF004_ReplayEndsTheSession(alive);
        Assert.Equal(Verdict.Warn, j.Reported("RF-004"));
        Assert.Contains("still works", j.Reason);
        var lost = Ok with { Rotation = Rotation with { WhoamiAfterReplay = NoAnswer() } };
        Assert.Equal(Verdict.Error, RefreshTokenGrant.RF004_ReplayEndsTheSession(lost).Verdict);
    }
}
