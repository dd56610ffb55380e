using Conformance.Harness.Checks;
using Conformance.Suites.Locking.Checks;
using Conformance.Suites.Locking.Observations;
using Xunit;
using static Conformance.Tests.Support.ConformantLock;
using static Conformance.Tests.Support.ConformantSuspension;
using static Conformance.Tests.Support.Responses;

namespace Conformance.Tests.Judges;

/// <summary>The judges of a suspension beside a lock (SUS-009, SUS-010) over hand-made observations.</summary>
public sealed class SuspensionContextTests
{
    [Fact]
    public void A_conformant_server_keeps_lock_and_suspension_apart()
    {
        Assert.Equal("the lock error everywhere", SuspensionContext.SUS009_LockedAndSuspended(Seen).Judgement.Finding);
        foreach (var which in Enum.GetValues<ModerationSeparation>())
            Assert.Equal(Verdict.Pass, SuspensionContext.SUS010_KeptApart(Seen, which).Verdict);
    }

    [Fact]
    public void What_a_user_under_both_gets_is_recorded()
    {
        var suspensionFirst = With(Interplay with { Refused = new RefusedRetry(Suspended(), Suspended(), Suspended()) });
        Assert.Equal("the suspension error where the suspension refuses, the lock error elsewhere", SuspensionContext.SUS009_LockedAndSuspended(suspensionFirst).Judgement.Finding);
        var odd = With(Interplay with { BothWhoami = Json(200, "{}") });
        Assert.StartsWith("refused request: 401 M_USER_LOCKED; whoami: 200", SuspensionContext.SUS009_LockedAndSuspended(odd).Judgement.Finding);
        Assert.Equal(Verdict.Error, SuspensionContext.SUS009_LockedAndSuspended(With(Interplay with { BothWhoami = NoAnswer() })).Verdict);
    }

    [Fact]
    public void Lifting_one_state_must_not_lift_the_other()
    {
        var unlockUnsuspends = With(Interplay with { Refused = new RefusedRetry(Suspended(), LockError("PUT"), Json(200, """{"event_id":"$e"}""", "PUT")) });
        var j = SuspensionContext.SUS010_KeptApart(unlockUnsuspends, ModerationSeparation.UnlockKeepsSuspension).Judgement;
        Assert.True(j.IsBreach);
        Assert.Contains("unlocking lifted the suspension too", j.Reason);
        var unsuspendUnlocks = With(Interplay with { AfterUnsuspendWhoami = Whoami(Session1) });
        Assert.Contains("unsuspending lifted the lock too", SuspensionContext.SUS010_KeptApart(unsuspendUnlocks, ModerationSeparation.UnsuspendKeepsLock).Reason);
        var otherAnswer = With(Interplay with { AfterUnsuspendWhoami = Error(403, "M_FORBIDDEN") });
        Assert.True(SuspensionContext.SUS010_KeptApart(otherAnswer, ModerationSeparation.UnsuspendKeepsLock).Judgement.IsBreach);
    }

    [Fact]
    public void Without_a_lock_or_a_refused_request_the_cases_say_why()
    {
        var noLock = Seen with { Interplay = Observed.NotSeen<ModerationInterplay>(Judgement.Skip("No way to lock.", "lock.adapter: none")) };
        Assert.Equal(Verdict.Skip, SuspensionContext.SUS009_LockedAndSuspended(noLock).Verdict);
        Assert.Equal(Verdict.Skip, SuspensionContext.SUS010_KeptApart(noLock, ModerationSeparation.UnsuspendKeepsLock).Verdict);
        var nothingRefused = With(Interplay with { Refused = Observed.NotSeen<RefusedRetry>(Judgement.Inconclusive("No request was refused.")) });
        Assert.Equal(Verdict.Inconclusive, SuspensionContext.SUS009_LockedAndSuspended(nothingRefused).Verdict);
        Assert.Equal(Verdict.Inconclusive, SuspensionContext.SUS010_KeptApart(nothingRefused, ModerationSeparation.UnlockKeepsSuspension).Verdict);
        Assert.Equal(Verdict.Pass, SuspensionContext.SUS010_KeptApart(nothingRefused, ModerationSeparation.UnsuspendKeepsLock).Verdict);
    }
}
