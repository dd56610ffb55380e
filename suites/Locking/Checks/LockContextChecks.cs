using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Suites.Common;
using Xunit;

namespace Conformance.Suites.Locking.Checks;

/// <summary>Behaviour the spec leaves open, recorded as info: application services acting for a locked
/// user (LK-014) and how a lock relates to suspension (LK-016).</summary>
public sealed class LockContextChecks(LockingSuite suite)
{
    [Theory, Check("LK-014"), NamedCases]
    public Task Appservice_masquerading_as_a_locked_user(string @case)
    {
        const string subject = "GET /_matrix/client/v3/account/whoami?user_id={locked user} (as_token)";
        return suite.Context.RunAsync("LK-014", @case, subject, async () =>
        {
            var s = await suite.Lock;
            if (s.Precondition is { } p) return new CaseOutcome(@case, subject, p);
            if (s.Unavailable.TryGetValue("appservice", out var why)) return new CaseOutcome(@case, subject, why);
            if (s.Appservice is not { } r) return new CaseOutcome(@case, subject, SweepJudge.ScenarioEnded(s));
            var j = !r.Arrived ? Judgement.Error($"No response: {r.NetworkError}.")
                : LockedAnswer.IsLockError(r) ? Judgement.Info("lock enforced", $"The application service gets the lock error when acting as the locked user ({r.Summary()}).")
                : r.IsSuccess ? Judgement.Info("service acts for the locked user", $"The application service can act as the locked user ({r.Summary()}).")
                : Judgement.Info($"answered {r.Summary()}");
            return CaseOutcome.From(@case, subject, j, r);
        });
    }

    [Theory, Check("LK-016"), NamedCases]
    public Task A_lock_is_not_a_suspension(string @case)
    {
        const string subject = "GET /_matrix/client/v1/admin/suspend/{locked user}";
        return suite.Context.RunAsync("LK-016", @case, subject, async () =>
        {
            var s = await suite.Lock;
            if (s.Precondition is { } p) return new CaseOutcome(@case, subject, p);
            if (s.SuspendStatus is not { } status) return new CaseOutcome(@case, subject, SweepJudge.ScenarioEnded(s));
            var suspendedAnswers = s.Sweep.Values.Count(x => x.Response.Errcode == "M_USER_SUSPENDED");
            var reported = status.Status == 200 && status.Object?["suspended"] is JsonValue v && v.TryGetValue<bool>(out var b) ? (bool?)b : null;
            var finding = (reported, suspendedAnswers) switch
            {
                (true, _) => "locked user reported as suspended",
                (_, > 0) => "lock answered as suspension",
                (false, 0) => "lock and suspension kept apart",
                _ => "suspension state not available",
            };
            var reason = $"{suspendedAnswers} of {s.Sweep.Count} locked answers were M_USER_SUSPENDED; GET /admin/suspend for the locked user answered {status.Summary()}"
                         + (reported is null ? "." : $" with suspended: {reported.Value.ToString().ToLowerInvariant()}.");
            return CaseOutcome.From(@case, subject, Judgement.Info(finding, reason), status);
        });
    }
}
