using Conformance.Harness.Checks;
using Conformance.Suites.Common;
using Conformance.Suites.Locking.Observations;
using Xunit;

namespace Conformance.Suites.Locking.Checks;

/// <summary>How a lock sits beside the rest of the server, where the spec is silent, recorded as info:
/// an application service acting for the locked user, and whether a lock is mistaken for a suspension.</summary>
public sealed class LockContext(LockingSuite suite)
{
    private const string AppserviceSubject = "GET /_matrix/client/v3/account/whoami?user_id={locked user} (as_token)";
    private const string SuspendSubject = "GET /_matrix/client/v1/admin/suspend/{locked user}";

    [Theory, Check("LK-014"), NamedCases]
    public Task LK014(string @case) => suite.Context.JudgeAsync(@case, () => suite.Lock, LK014_AppserviceMasquerade);

    [Theory, Check("LK-016"), NamedCases]
    public Task LK016(string @case) => suite.Context.JudgeAsync(@case, () => suite.Lock, LK016_LockIsNotSuspension);

    public static Outcome LK014_AppserviceMasquerade(LockObservations o)
    {
        if (!o.Locked.TryGet(out var locked, out var why) || !locked.Appservice.TryGet(out var r, out why)) return new Outcome(AppserviceSubject, why);
        var j = Expect.Arrived(r)
            ?? (LockedAnswer.IsLockError(r) ? Judgement.Info("lock enforced", $"The application service gets the lock error when acting as the locked user ({r.Summary()}).")
                : r.IsSuccess ? Judgement.Info("service acts for the locked user", $"The application service can act as the locked user ({r.Summary()}).")
                : Judgement.Info($"answered {r.Summary()}"));
        return Outcome.Of(AppserviceSubject, j, r);
    }

    /// <summary>A lock answers 401 M_USER_LOCKED, a suspension 403 M_USER_SUSPENDED: records whether any
    /// locked answer was the suspension error and what the admin suspension API says of the locked user.</summary>
    public static Outcome LK016_LockIsNotSuspension(LockObservations o)
    {
        if (!o.Locked.TryGet(out var locked, out var why)) return new Outcome(SuspendSubject, why);
        var status = locked.SuspendStatus;
        if (Expect.Arrived(status) is { } lost) return Outcome.Of(SuspendSubject, lost, status);
        var suspendedAnswers = locked.RequiredAuth.Responses.Count(r => r.Errcode == "M_USER_SUSPENDED");
        var reported = status.Status == 200 ? Json.Bool(status.Object?["suspended"]) : null;
        var finding = (reported, suspendedAnswers) switch
        {
            (true, _) => "locked user reported as suspended",
            (_, > 0) => "lock answered as suspension",
            (false, 0) => "lock and suspension kept apart",
            _ => "suspension state not available",
        };
        var reason = $"{suspendedAnswers} of {locked.RequiredAuth.All.Count} locked answers were M_USER_SUSPENDED; GET /admin/suspend for the locked user answered {status.Summary()}"
                     + (reported is null ? "." : $" with suspended: {reported.Value.ToString().ToLowerInvariant()}.");
        return Outcome.Of(SuspendSubject, Judgement.Info(finding, reason), status);
    }
}
