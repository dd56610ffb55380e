using Conformance.Harness.Checks;
using Conformance.Suites.Common;
using Conformance.Suites.Locking.Observations;
using Xunit;

namespace Conformance.Suites.Locking.Checks;

/// <summary>How a suspension sits beside a lock: what a user under both gets (the spec is silent), and
/// that lifting one leaves the other in place.</summary>
public sealed class SuspensionContext(LockingSuite suite)
{
    private const string BothSubject = "a refused request and GET /account/whoami, locked and suspended";

    [Theory, Check("SUS-009"), NamedCases]
    public Task SUS009(string @case) => suite.Context.JudgeAsync(@case, () => suite.Suspension, SUS009_LockedAndSuspended);

    [Theory, Check("SUS-010"), NamedCases]
    public Task SUS010(ModerationSeparation @case) => suite.Context.JudgeAsync(@case, () => suite.Suspension, o => SUS010_KeptApart(o, @case));

    public static Outcome SUS009_LockedAndSuspended(SuspensionObservations o)
    {
        if (!o.Interplay.TryGet(out var i, out var why)) return new Outcome(BothSubject, why);
        if (!i.Refused.TryGet(out var refused, out why)) return Outcome.Of(BothSubject, why, i.BothWhoami);
        var (action, whoami) = (refused.WhileBoth, i.BothWhoami);
        if (Expect.Arrived(action, whoami) is { } lost) return Outcome.Of(BothSubject, lost, action, whoami);
        var finding = (LockedAnswer.IsLockError(action), LockedAnswer.IsLockError(whoami), SuspendedAnswer.IsSuspensionError(action)) switch
        {
            (true, true, _) => "the lock error everywhere",
            (false, true, true) => "the suspension error where the suspension refuses, the lock error elsewhere",
            _ => $"refused request: {action.Summary()}; whoami: {whoami.Summary()}",
        };
        return Outcome.Of(BothSubject, Judgement.Info(finding, $"Locked and suspended: the request the suspension refused got {action.Summary()}, GET /account/whoami got {whoami.Summary()}."), action, whoami);
    }

    public static Outcome SUS010_KeptApart(SuspensionObservations o, ModerationSeparation which)
    {
        if (which == ModerationSeparation.UnlockKeepsSuspension)
        {
            const string subject = "a refused request, after unlocking a suspended user";
            if (!o.Interplay.TryGet(out var i, out var why) || !i.Refused.TryGet(out var r, out why)) return new Outcome(subject, why);
            if (Expect.Arrived(r.AfterUnlock, r.Original) is { } lost) return Outcome.Of(subject, lost, r.AfterUnlock, r.Original);
            var j = r.AfterUnlock.Status == r.Original.Status && r.AfterUnlock.Errcode == r.Original.Errcode
                ? Judgement.Pass($"Still refused after unlocking ({r.AfterUnlock.Summary()}), as before the lock.")
                : r.AfterUnlock.IsSuccess ? Judgement.Breach($"After unlocking, a request the suspension refused ({r.Original.Summary()}) succeeded ({r.AfterUnlock.Summary()}): unlocking lifted the suspension too.")
                : Judgement.Breach($"After unlocking, a request the suspension refused with {r.Original.Summary()} got {r.AfterUnlock.Summary()}.");
            return Outcome.Of(subject, j, r.AfterUnlock, r.Original);
        }
        const string whoamiSubject = "GET /_matrix/client/v3/account/whoami, after unsuspending a locked user";
        if (!o.Interplay.TryGet(out var both, out var notSeen)) return new Outcome(whoamiSubject, notSeen);
        var w = both.AfterUnsuspendWhoami;
        var verdict = Expect.Arrived(w)
            ?? (LockedAnswer.IsLockError(w) ? Judgement.Pass("Still locked after unsuspending: 401 M_USER_LOCKED with soft_logout true.")
                : w.IsSuccess ? Judgement.Breach($"After unsuspending a locked user, GET /account/whoami succeeded ({w.Summary()}): unsuspending lifted the lock too.")
                : Judgement.Breach($"After unsuspending a locked user, GET /account/whoami got {w.Summary()}, not the lock error."));
        return Outcome.Of(whoamiSubject, verdict, w);
    }
}
