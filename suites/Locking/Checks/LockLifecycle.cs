using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.Common;
using Conformance.Suites.Locking.Observations;
using Conformance.Suites.Locking.Sweep;
using Xunit;

namespace Conformance.Suites.Locking.Checks;

/// <summary>What a lock does to a user's sessions over time: logout still works (and revocation, the
/// OAuth 2.0 API's logout), tokens survive the lock, nothing sent while locked took effect, and no new
/// token can be had until unlocked.</summary>
public sealed class LockLifecycle(LockingSuite suite)
{
    private const string Whoami = "GET /_matrix/client/v3/account/whoami";

    [Theory, Check("LK-007"), NamedCases]
    public Task LK007(LogoutKind @case) => suite.Context.JudgeAsync(@case, () => suite.Lock, o => LK007_LogoutWhileLocked(o, @case));

    [Theory, Check("LK-008"), NamedCases]
    public Task LK008(LockStage @case) => suite.Context.JudgeAsync(@case, () => suite.Lock, o => LK008_TokensSurvive(o, @case));

    [Theory, Check("LK-009"), ProbeCases]
    public Task LK009(string probe) => suite.Context.JudgeAsync(probe, () => suite.Lock, o => LK009_NothingTookEffect(o, suite.Probes.ById(probe)));

    [Theory, Check("LK-010"), NamedCases]
    public Task LK010(TokenGrant @case) => suite.Context.JudgeAsync(@case, () => suite.Lock, o => LK010_NoNewToken(o, @case));

    [Theory, Check("LK-017"), NamedCases]
    public Task LK017(string @case) => suite.Context.JudgeAsync(@case, () => suite.Lock, LK017_RevocationWhileLocked);

    /// <summary>POST /logout and POST /logout/all are the two APIs a locked user may call: each must
    /// answer 2xx, and afterwards the tokens it ended must get M_UNKNOWN_TOKEN.</summary>
    public static Outcome LK007_LogoutWhileLocked(LockObservations o, LogoutKind kind)
    {
        var (subject, what, tokens, observed) = kind == LogoutKind.Logout
            ? ("POST /_matrix/client/v3/logout", "POST /logout", "the logged-out token", o.Locked.Select(l => l.Logout))
            : ("POST /_matrix/client/v3/logout/all", "POST /logout/all", "the user's tokens", o.LogoutAll);
        if (!observed.TryGet(out var answer, out var why)) return new Outcome(subject, why);
        var (logout, after) = (answer.Logout, answer.TokensAfter);
        var j = Expect.Arrived([logout, .. after])
            ?? (LockedAnswer.IsLockError(logout) || logout.Errcode == LockedAnswer.LockedErrcode
                ? Judgement.Fail($"{what} was refused with the lock error ({logout.Summary()}); it is one of the two APIs a locked user may call.")
                : !logout.IsSuccess ? Judgement.Fail($"{what} answered {logout.Summary()} while locked; it must work.")
                : after.FirstOrDefault(r => r.Errcode != "M_UNKNOWN_TOKEN") is { } alive
                    ? Judgement.Fail($"{what} returned {logout.Summary()}, but afterwards {tokens} still got {alive.Summary()} instead of M_UNKNOWN_TOKEN.")
                : Judgement.Pass($"{what} returned {logout.Summary()} while locked, and afterwards {tokens} got M_UNKNOWN_TOKEN."));
        return Outcome.Of(subject, j, [logout, .. after]);
    }

    /// <summary>Servers should not invalidate a locked user's tokens: while locked no answer to them may
    /// be M_UNKNOWN_TOKEN, and after unlocking they work again, for the same user and device.</summary>
    public static Outcome LK008_TokensSurvive(LockObservations o, LockStage stage) =>
        stage == LockStage.WhileLocked ? TokensWhileLocked(o) : TokensAfterUnlock(o);

    private static Outcome TokensWhileLocked(LockObservations o)
    {
        if (!o.Locked.TryGet(out var locked, out var why)) return new Outcome(Whoami, why);
        var queryToken = locked.QueryToken.TryGet(out var q, out _) ? q.Responses : [];
        var answers = locked.RequiredAuth.Responses.Concat(locked.OptionalAuth.Responses).Concat(queryToken).Concat(locked.TokensWhileLocked).ToList();
        if (answers.FirstOrDefault(r => r.Errcode == "M_UNKNOWN_TOKEN") is { } invalidated)
            return Outcome.Of(Whoami, Judgement.Breach($"While locked, {invalidated.Exchange.Method} {Expect.PathOf(invalidated)} answered {invalidated.Summary()}: the token was treated as invalid."),
                [invalidated, .. locked.TokensWhileLocked]);
        return Outcome.Of(Whoami, Judgement.Pass($"{answers.Count} answers to the locked tokens; none was M_UNKNOWN_TOKEN."), locked.TokensWhileLocked);
    }

    private static Outcome TokensAfterUnlock(LockObservations o)
    {
        if (!o.Unlocked.TryGet(out var unlocked, out var why)) return new Outcome(Whoami, why);
        var whoamis = unlocked.Tokens.Select(t => t.Whoami).ToList();
        if (Expect.Arrived(whoamis) is { } lost) return Outcome.Of(Whoami, lost, whoamis);
        // Still locked after the unlock was accepted: the unlock did not take effect (the admin API's
        // round trip judges that), and whether the tokens outlived the lock cannot be told.
        if (whoamis.FirstOrDefault(r => r.Errcode == LockedAnswer.LockedErrcode) is { } stillLocked)
            return Outcome.Of(Whoami, Judgement.Inconclusive(
                $"The unlock was accepted, but afterwards the user's token still got {stillLocked.Summary()}: the account is still locked, so whether its tokens survive the lock cannot be told."), whoamis);
        var problems = unlocked.Tokens.Where(t => !SameSession(t))
            .Select(t => $"the token of device {t.Session.DeviceId} got {t.Whoami.Summary()}{(t.Whoami.IsSuccess ? $" for user {t.Whoami.StringField("user_id")}, device {t.Whoami.StringField("device_id")}" : "")}")
            .ToList();
        var j = problems.Count == 0
            ? Judgement.Pass("After unlocking, both tokens work again for the same user and device.")
            : Judgement.Breach("After unlocking, " + string.Join("; ", problems) + (unlocked.Tokens.Any(t => t.Whoami.Errcode == "M_UNKNOWN_TOKEN")
                ? ": the lock invalidated the tokens, so the user has to log in again." : "."));
        return Outcome.Of(Whoami, j, whoamis);

        static bool SameSession(TokenAfterUnlock t) =>
            t.Whoami.IsSuccess && t.Whoami.StringField("user_id") == t.Session.UserId && t.Whoami.StringField("device_id") == t.Session.DeviceId;
    }

    /// <summary>A refused request must not have been executed: the state the probe reads after unlocking
    /// equals the state before the lock.</summary>
    public static Outcome LK009_NothingTookEffect(LockObservations o, SideEffectProbes.Probe probe)
    {
        var subject = probe.Request;
        if (!o.Prepared.TryGet(out var prepared, out var why) || !o.Locked.TryGet(out var locked, out why)
            || !o.Unlocked.TryGet(out var unlocked, out why) || !unlocked.StateAfter.TryGet(out var stateAfter, out why))
            return new Outcome(subject, why);
        if (!prepared.StateBefore.TryGetValue(probe.Id, out var before) || !stateAfter.TryGetValue(probe.Id, out var after))
            return new Outcome(subject, Judgement.Error("The lock scenario did not read this probe's state."));
        if ((Expect.Arrived(before, after) ?? Expect.Answered(before, after)) is { } lost) return Outcome.Of(subject, lost, before, after);
        // Nothing was read when the endpoint is unknown to the server before and after: no verdict rests on that.
        if (LockedAnswer.LooksUnrecognized(before) && LockedAnswer.LooksUnrecognized(after))
            return Outcome.Of(subject, Judgement.Skip("The server does not implement the endpoint this state is read with, so nothing could be compared.",
                $"{probe.Request} answered {before.Summary()} before the lock and {after.Summary()} after unlocking"), before, after);

        var sent = probe.ChangedBy
            .Select(id => (Id: id, Sent: locked.RequiredAuth.For(id) ?? locked.OptionalAuth.For(id)))
            .Where(t => t.Sent is not null).Select(t => (t.Id, t.Sent!.Response)).ToList();
        var sentNote = string.Join(", ", sent.Select(t => $"{t.Id} → {t.Response.Summary()}"));
        var (was, now) = (probe.Fingerprint(before), probe.Fingerprint(after));
        var j = was == now
            ? Judgement.Pass($"Unchanged after unlocking (sent while locked: {sentNote}).")
            : Judgement.Fail($"Changed while the account was locked. Before: {was}. After: {now}. Sent while locked: {sentNote}.");
        return Outcome.Of(subject, j, [before, after, .. sent.Select(t => t.Response)]);
    }

    /// <summary>A locked user cannot obtain a new access token: none may be issued (fail); /login and
    /// /refresh should say so with the lock error (warn otherwise). The OAuth grant answers in OAuth's
    /// own error format, so only the token matters there.</summary>
    public static Outcome LK010_NoNewToken(LockObservations o, TokenGrant grant)
    {
        var subject = grant switch
        {
            TokenGrant.Login => "POST /_matrix/client/v3/login",
            TokenGrant.Refresh => "POST /_matrix/client/v3/refresh",
            _ => "POST {token_endpoint} grant_type=refresh_token",
        };
        if (!o.Locked.TryGet(out var locked, out var why)) return new Outcome(subject, why);
        var observed = grant switch
        {
            TokenGrant.Login => Observed.Of(locked.LoginWhileLocked),
            TokenGrant.Refresh => locked.RefreshWhileLocked,
            _ => locked.OAuthRefreshWhileLocked,
        };
        if (!observed.TryGet(out var r, out why)) return new Outcome(subject, why);
        var j = Expect.Arrived(r)
            ?? (r.Object?["access_token"] is JsonValue ? Judgement.Fail($"A new access token was issued while the account was locked ({r.Summary()}).")
                : grant == TokenGrant.OAuthRefresh ? Judgement.Pass($"No access token was issued ({r.Summary()} {r.StringField("error")}).")
                : LockedAnswer.IsLockError(r) ? Judgement.Pass("No token; 401 M_USER_LOCKED with soft_logout true.")
                // A refresh token the lock revoked is unknown now: no token is issued, and the revocation is
                // the tokens-survive check's finding, not this one's.
                : grant == TokenGrant.Refresh && r.Errcode == "M_UNKNOWN_TOKEN" ? Judgement.Pass($"No token: the refresh token was no longer known ({r.Summary()}); the lock had revoked it.")
                : Judgement.Warn($"No token was issued, but the answer was {r.Summary()} (soft_logout {r.SoftLogoutRaw ?? "absent"}); it should be 401 M_USER_LOCKED with soft_logout true."));
        return Outcome.Of(subject, j, r);
    }

    /// <summary>Revocation is how an OAuth client logs out: a locked user's client must still be able to
    /// end its session, so the revocation is answered and the token is then unknown (not merely locked).</summary>
    public static Outcome LK017_RevocationWhileLocked(LockObservations o)
    {
        const string subject = "POST {revocation_endpoint} (a locked user's OAuth token)";
        if (!o.Locked.TryGet(out var locked, out var why) || !locked.OAuthRevocation.TryGet(out var answer, out why)) return new Outcome(subject, why);
        var (revoke, after) = (answer.Logout, answer.TokensAfter);
        var j = Expect.Arrived([revoke, .. after])
            ?? (!revoke.IsSuccess ? Judgement.Breach($"Revoking a locked user's OAuth token was refused ({revoke.Status} {revoke.StringField("error") ?? revoke.Summary()}); a locked user's client could not log out.")
                : after.FirstOrDefault(r => r.Errcode != "M_UNKNOWN_TOKEN") is { } alive
                    ? Judgement.Breach($"Revocation answered {revoke.Status} while locked, but the token then got {alive.Summary()}, not M_UNKNOWN_TOKEN: it was not revoked.")
                : Judgement.Pass($"Revocation answered {revoke.Status} while locked, and the token then got M_UNKNOWN_TOKEN."));
        return Outcome.Of(subject, j, [revoke, .. after]);
    }
}
