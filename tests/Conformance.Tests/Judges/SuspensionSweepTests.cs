using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.Locking.Checks;
using Conformance.Suites.Locking.Observations;
using Xunit;
using static Conformance.Tests.Support.ConformantSuspension;
using static Conformance.Tests.Support.Responses;

namespace Conformance.Tests.Judges;

/// <summary>The suspension sweep's judges (SUS-001…SUS-003) over hand-made observations.</summary>
public sealed class SuspensionSweepTests
{
    private static SuspensionObservations Answering(MatrixResponse r, MatrixResponse? control = null) => WithSweep(Sent(SendMessage, r, control));

    private static Verdict Status(SuspensionObservations o) => SuspensionSweep.SUS001_Status403(o, SendMessage).Verdict;
    private static Verdict Errcode(SuspensionObservations o) => SuspensionSweep.SUS002_ErrcodeUserSuspended(o, SendMessage).Verdict;

    [Fact]
    public void A_conformant_server_passes_refused_permitted_and_unaffected_requests()
    {
        foreach (var op in new[] { SendMessage, LeaveRoom, Add3Pid })
        {
            Assert.Equal(Verdict.Pass, SuspensionSweep.SUS001_Status403(Seen, op).Verdict);
            Assert.Equal(Verdict.Pass, SuspensionSweep.SUS002_ErrcodeUserSuspended(Seen, op).Verdict);
        }
        Assert.StartsWith("Refused for the suspension with 403", SuspensionSweep.SUS001_Status403(Seen, SendMessage).Reason);
        Assert.StartsWith("Not refused while suspended", SuspensionSweep.SUS001_Status403(Seen, LeaveRoom).Reason);
        Assert.StartsWith("Not refused for the suspension: 401", SuspensionSweep.SUS001_Status403(Seen, Add3Pid).Reason);
        Assert.Equal("stable code only", SuspensionSweep.SUS003_UnstableErrcode(Seen).Judgement.Finding);
    }

    [Fact]
    public void The_subject_is_the_operation_and_the_evidence_both_answers()
    {
        var outcome = SuspensionSweep.SUS001_Status403(WithSweep(Sent(SendMessage, Error(403, "M_FORBIDDEN"), Json(200, "{}"))), SendMessage);
        Assert.Equal("PUT /_matrix/client/v3/rooms/{roomId}/send/{eventType}/{txnId}", outcome.Subject);
        Assert.Equal([403, 200], outcome.Exchanges.Select(e => e.Status));
    }

    [Fact]
    public void The_status_and_the_errcode_are_judged_apart()
    {
        var unauthorized = Answering(Error(401, "M_USER_SUSPENDED"));
        Assert.Equal(Verdict.Fail, Status(unauthorized));
        Assert.Equal(Verdict.Pass, Errcode(unauthorized));

        // No suspension code, but the control account was not refused: the suspension is why.
        var forbidden = Answering(Error(403, "M_FORBIDDEN"), Json(200, "{}"));
        Assert.Equal(Verdict.Pass, Status(forbidden));
        Assert.Equal(Verdict.Fail, Errcode(forbidden));
        Assert.Contains("errcode is M_FORBIDDEN", SuspensionSweep.SUS002_ErrcodeUserSuspended(forbidden, SendMessage).Reason);
    }

    [Fact]
    public void The_unstable_code_fails_the_errcode_and_is_recorded()
    {
        var unstable = Answering(Error(403, SuspendedAnswer.UnstableErrcode));
        Assert.Equal(Verdict.Pass, Status(unstable));
        Assert.Equal(Verdict.Fail, Errcode(unstable));
        Assert.Contains("MSC3823's unstable code", SuspensionSweep.SUS002_ErrcodeUserSuspended(unstable, SendMessage).Reason);
        Assert.Equal("stable and unstable codes", SuspensionSweep.SUS003_UnstableErrcode(unstable).Judgement.Finding);
        var onlyUnstable = With(WhileSuspended with { Sweep = new SuspendedSweep([Sent(SendMessage, Error(403, SuspendedAnswer.UnstableErrcode))]) });
        Assert.Equal("unstable code only", SuspensionSweep.SUS003_UnstableErrcode(onlyUnstable).Judgement.Finding);
        var none = With(WhileSuspended with { Sweep = new SuspendedSweep([Sent(LeaveRoom, Json(200, "{}"), Json(200, "{}"))]) });
        Assert.Equal("no suspension error", SuspensionSweep.SUS003_UnstableErrcode(none).Judgement.Finding);
    }

    [Fact]
    public void The_lock_error_is_a_refusal_with_the_wrong_status_and_code()
    {
        var locked = Answering(Json(401, """{"errcode":"M_USER_LOCKED","error":"x","soft_logout":true}"""));
        Assert.Equal(Verdict.Fail, Status(locked));
        Assert.Contains("the lock error", SuspensionSweep.SUS002_ErrcodeUserSuspended(locked, SendMessage).Reason);
    }

    [Fact]
    public void An_error_the_control_account_gets_too_is_not_a_refusal_for_the_suspension()
    {
        var notInRoom = Answering(Error(403, "M_FORBIDDEN"), Error(403, "M_FORBIDDEN"));
        Assert.Equal(Verdict.Pass, Status(notInRoom));
        Assert.Equal(Verdict.Pass, Errcode(notInRoom));
        Assert.Contains("the control account, not suspended, got 403 M_FORBIDDEN", SuspensionSweep.SUS002_ErrcodeUserSuspended(notInRoom, SendMessage).Reason);
    }

    [Fact]
    public void Answers_that_do_not_let_the_suspension_be_judged()
    {
        var unknown = SuspensionSweep.SUS001_Status403(Answering(Error(404, "M_UNRECOGNIZED"), Error(404, "M_UNRECOGNIZED")), SendMessage).Judgement;
        Assert.Equal(Verdict.Skip, unknown.Verdict);
        Assert.Contains("control account: 404 M_UNRECOGNIZED", unknown.Detection);
        Assert.Equal(Verdict.Inconclusive, Status(Answering(Error(400, "M_BAD_JSON"), Error(400, "M_BAD_JSON"))));
        Assert.Equal(Verdict.Inconclusive, Errcode(Answering(Error(500, "M_UNKNOWN"), Error(500, "M_UNKNOWN"))));
        Assert.Equal(Verdict.Inconclusive, Status(Answering(Error(429, "M_LIMIT_EXCEEDED"), Error(429, "M_LIMIT_EXCEEDED"))));
        // A validation error only the suspended account gets is a refusal for the suspension.
        Assert.Equal(Verdict.Fail, Errcode(Answering(Error(400, "M_BAD_JSON"), Json(200, "{}"))));
    }

    [Fact]
    public void A_missing_answer_or_request_is_an_error()
    {
        Assert.Equal(Verdict.Error, Status(Answering(NoAnswer("PUT"))));
        Assert.Equal(Verdict.Error, Status(Answering(Error(403, "M_FORBIDDEN"), NoAnswer("PUT"))));
        Assert.Equal(Verdict.Error, Status(Answering(Error(403, "M_FORBIDDEN"))));
        var unsent = With(WhileSuspended with { Sweep = new SuspendedSweep([]) });
        Assert.Equal(Verdict.Error, Status(unsent));
    }

    [Fact]
    public void Without_a_suspension_every_case_reports_why()
    {
        var skip = SuspensionSweep.SUS001_Status403(CannotSuspend, SendMessage).Judgement;
        Assert.Equal(Verdict.Skip, skip.Verdict);
        Assert.Equal("probed: capabilities, unstable flags, Synapse admin API", skip.Detection);
        Assert.Equal(Verdict.Skip, SuspensionSweep.SUS003_UnstableErrcode(CannotSuspend).Verdict);
    }
}
