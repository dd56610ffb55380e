using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.AccountManagement.Observations;
using Conformance.Suites.Common;
using Xunit;

namespace Conformance.Suites.AccountManagement.Checks;

/// <summary>The refresh token grant: a refresh gives a working token for the same user and device, a
/// refresh whose answer was lost can be retried, each refresh replaces the refresh token, and a replayed
/// old refresh token ends the session.</summary>
public sealed class RefreshTokenGrant(AccountManagementSuite suite)
{
    private const string Subject = "POST {token_endpoint} grant_type=refresh_token";

    [Theory, Check("RF-001"), NamedCases]
    public Task RF001(string @case) => suite.Context.JudgeAsync(@case, () => suite.Refresh, RF001_RefreshGivesAWorkingToken);

    [Theory, Check("RF-002"), NamedCases]
    public Task RF002(string @case) => suite.Context.JudgeAsync(@case, () => suite.Refresh, RF002_LostAnswerCanBeRetried);

    [Theory, Check("RF-003"), NamedCases]
    public Task RF003(string @case) => suite.Context.JudgeAsync(@case, () => suite.Refresh, RF003_RefreshTokensRotate);

    [Theory, Check("RF-004"), NamedCases]
    public Task RF004(string @case) => suite.Context.JudgeAsync(@case, () => suite.Refresh, RF004_ReplayEndsTheSession);

    public static Outcome RF001_RefreshGivesAWorkingToken(RefreshObservations o)
    {
        if (!o.Rotation.TryGet(out var r, out var why)) return new Outcome(Subject, why);
        if (Expect.Arrived(r.Refresh, r.WhoamiNew) is { } lost) return Outcome.Of(Subject, lost, r.Refresh, r.WhoamiNew);
        if (r.WhoamiNew is null) return Outcome.Of(Subject, Judgement.Breach($"The refresh token grant gave no access token ({Said(r.Refresh)})."), r.Refresh);
        return Outcome.Of(Subject, SameSession(r.Session, r.WhoamiNew, "The refreshed access token"), r.Refresh, r.WhoamiNew);
    }

    /// <summary>The same refresh token, used again before the new tokens were: the retry must give a token
    /// that works, for the same device.</summary>
    public static Outcome RF002_LostAnswerCanBeRetried(RefreshObservations o)
    {
        if (!o.Retry.TryGet(out var r, out var why)) return new Outcome(Subject, why);
        if (Expect.Arrived(r.First, r.Retry, r.WhoamiAfterRetry) is { } lost) return Outcome.Of(Subject, lost, r.First, r.Retry, r.WhoamiAfterRetry);
        if (!r.First.IsSuccess) return Outcome.Of(Subject, Judgement.Inconclusive($"The first refresh already failed ({Said(r.First)}), so a retry says nothing."), r.First);
        if (r.WhoamiAfterRetry is null)
            return Outcome.Of(Subject, Judgement.Breach($"Refreshing again with the same refresh token, before the new tokens were used, was refused ({Said(r.Retry)}): a client whose answer was lost cannot recover."), r.First, r.Retry);
        return Outcome.Of(Subject, SameSession(r.Session, r.WhoamiAfterRetry, "The retry's access token"), r.First, r.Retry, r.WhoamiAfterRetry);
    }

    /// <summary>A refresh gives a new refresh token, and the old one stops working once the new access
    /// token has been used.</summary>
    public static Outcome RF003_RefreshTokensRotate(RefreshObservations o)
    {
        if (!o.Rotation.TryGet(out var r, out var why)) return new Outcome(Subject, why);
        if (Expect.Arrived(r.Refresh, r.WhoamiNew, r.Replay) is { } lost) return Outcome.Of(Subject, lost, r.Refresh, r.WhoamiNew, r.Replay);
        if (r.WhoamiNew is not { IsSuccess: true } || r.Replay is null)
            return Outcome.Of(Subject, Judgement.Inconclusive($"The refresh gave no working token ({Said(r.Refresh)}), so rotation could not be seen."), r.Refresh, r.WhoamiNew);
        var fresh = r.Refresh.StringField("refresh_token");
        var j = fresh is null ? Judgement.Breach("The refresh gave no new refresh token.")
            : fresh == r.Session.RefreshToken ? Judgement.Breach("The refresh gave the same refresh token back.")
            : r.Replay.IsSuccess ? Judgement.Breach($"After the new access token was used, the old refresh token still worked ({Said(r.Replay)}).")
            : Judgement.Pass($"The refresh gave a new refresh token, and the old one was refused once the new tokens were used ({Said(r.Replay)}).");
        return Outcome.Of(Subject, j, r.Refresh, r.WhoamiNew, r.Replay);
    }

    /// <summary>An old, invalidated refresh token used again means the session leaked: the server should
    /// revoke it, so the newest access token stops working.</summary>
    public static Outcome RF004_ReplayEndsTheSession(RefreshObservations o)
    {
        if (!o.Rotation.TryGet(out var r, out var why)) return new Outcome(Subject, why);
        if (Expect.Arrived(r.Replay, r.WhoamiAfterReplay) is { } lost) return Outcome.Of(Subject, lost, r.Replay, r.WhoamiAfterReplay);
        if (r.Replay is null || r.WhoamiAfterReplay is null || r.WhoamiNew is not { IsSuccess: true })
            return Outcome.Of(Subject, Judgement.Inconclusive($"The refresh gave no working token ({Said(r.Refresh)}), so no old refresh token could be replayed."), r.Refresh, r.WhoamiNew);
        if (r.Replay.IsSuccess)
            return Outcome.Of(Subject, Judgement.Inconclusive("The old refresh token was not invalidated (it still worked), so replaying it says nothing about a leaked session."), r.Replay);
        var j = r.WhoamiAfterReplay.IsSuccess
            ? Judgement.Breach($"The old refresh token was replayed ({Said(r.Replay)}), and the session's newest access token still works.")
            : Judgement.Pass($"After the old refresh token was replayed, the session's access token got {r.WhoamiAfterReplay.Summary()}: the session was revoked.");
        return Outcome.Of(Subject, j, r.Replay, r.WhoamiAfterReplay);
    }

    /// <summary>whoami with a refreshed token names the session's user and device.</summary>
    private static Judgement SameSession(SignedIn session, MatrixResponse whoami, string what) =>
        !whoami.IsSuccess ? Judgement.Breach($"{what} did not work: whoami answered {whoami.Summary()}.")
        : whoami.StringField("user_id") != session.Whoami.StringField("user_id") || whoami.StringField("device_id") != session.DeviceId
            ? Judgement.Breach($"{what} belongs to {whoami.StringField("user_id")} on device {whoami.StringField("device_id")}, not to the session's {session.Whoami.StringField("user_id")} on {session.DeviceId}.")
        : Judgement.Pass($"{what} works for the same user and device ({session.DeviceId}).");

    private static string Said(MatrixResponse r) => r.StringField("error") is { } e ? $"{r.Status} {e}" : r.Summary();
}
