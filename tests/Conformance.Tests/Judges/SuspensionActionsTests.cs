using Conformance.Harness.Checks;
using Conformance.Suites.Locking.Checks;
using Conformance.Suites.Locking.Observations;
using Xunit;
using static Conformance.Tests.Support.ConformantSuspension;
using static Conformance.Tests.Support.Responses;

namespace Conformance.Tests.Judges;

/// <summary>The judges of what a suspended user may and may not do (SUS-004, SUS-006) over hand-made observations.</summary>
public sealed class SuspensionActionsTests
{
    [Fact]
    public void A_conformant_server_permits_every_listed_action_and_refuses_the_recommended_ones()
    {
        foreach (var action in Enum.GetValues<PermittedAction>())
            Assert.Equal(Verdict.Pass, SuspensionActions.SUS004_StillPermitted(Seen, action).Verdict);
        foreach (var action in Enum.GetValues<ForbiddenAction>())
            Assert.Equal("refused", SuspensionActions.SUS006_RecommendedForbidden(Seen, action).Judgement.Finding);
    }

    [Fact]
    public void A_permitted_action_refused_for_the_suspension_is_a_breach()
    {
        var refused = WithSweep(Sent(LeaveRoom, Suspended("POST", "/_matrix/client/v3/rooms/!leave:hs/leave")));
        var j = SuspensionActions.SUS004_StillPermitted(refused, PermittedAction.LeaveRoom).Judgement;
        Assert.True(j.IsBreach);
        Assert.StartsWith("Refused while suspended", j.Reason);
        Assert.Equal("POST /_matrix/client/v3/rooms/{roomId}/leave", SuspensionActions.SUS004_StillPermitted(refused, PermittedAction.LeaveRoom).Subject);

        var wrongCode = WithSweep(Sent(LeaveRoom, Error(403, "M_FORBIDDEN"), Json(200, "{}")));
        Assert.True(SuspensionActions.SUS004_StillPermitted(wrongCode, PermittedAction.LeaveRoom).Judgement.IsBreach);

        var dedicated = With(WhileSuspended with { RejectInvite = new ActionAnswer(Suspended("POST", "/_matrix/client/v3/rooms/!invite:hs/leave")) });
        Assert.True(SuspensionActions.SUS004_StillPermitted(dedicated, PermittedAction.RejectInvite).Judgement.IsBreach);
    }

    [Fact]
    public void The_same_answer_as_the_control_account_shows_the_suspension_is_not_in_the_way()
    {
        var outcome = SuspensionActions.SUS004_StillPermitted(Seen, PermittedAction.AddAdminContact);
        Assert.Equal(Verdict.Pass, outcome.Verdict);
        Assert.Contains("control account", outcome.Reason);
        Assert.Equal(Verdict.Inconclusive, SuspensionActions.SUS004_StillPermitted(WithSweep(Sent(LeaveRoom, Error(400, "M_BAD_JSON"), Error(400, "M_BAD_JSON"))), PermittedAction.LeaveRoom).Verdict);
        Assert.Equal(Verdict.Skip, SuspensionActions.SUS004_StillPermitted(WithSweep(Sent(LeaveRoom, Error(404, "M_UNRECOGNIZED"), Error(404, "M_UNRECOGNIZED"))), PermittedAction.LeaveRoom).Verdict);
    }

    [Fact]
    public void A_dedicated_action_that_fails_otherwise_is_inconclusive()
    {
        var odd = With(WhileSuspended with { DeleteDevice = new ActionAnswer(Error(400, "M_UNKNOWN", "DELETE", "/_matrix/client/v3/devices/DEL")) });
        Assert.Equal(Verdict.Inconclusive, SuspensionActions.SUS004_StillPermitted(odd, PermittedAction.DeleteDevice).Verdict);
        var lost = With(WhileSuspended with { Logout = new ActionAnswer(NoAnswer("POST", "/_matrix/client/v3/logout")) });
        Assert.Equal(Verdict.Error, SuspensionActions.SUS004_StillPermitted(lost, PermittedAction.Logout).Verdict);
        var noThrowaway = With(WhileSuspended with { Deactivate = Observed.NotSeen<ActionAnswer>(Judgement.Skip("no second account", "profile: users.accounts.suspend_throwaway is not set")) });
        Assert.Equal(Verdict.Skip, SuspensionActions.SUS004_StillPermitted(noThrowaway, PermittedAction.Deactivate).Verdict);
        Assert.Equal(Verdict.Skip, SuspensionActions.SUS004_StillPermitted(CannotSuspend, PermittedAction.Login).Verdict);
    }

    [Fact]
    public void The_recommended_forbidden_actions_are_recorded_as_the_server_handles_them()
    {
        Assert.Equal("permitted", SuspensionActions.SUS006_RecommendedForbidden(WithSweep(Sent(SendMessage, Json(200, "{}"), Json(200, "{}"))), ForbiddenAction.SendMessage).Judgement.Finding);
        Assert.Equal("refused with 403 M_FORBIDDEN", SuspensionActions.SUS006_RecommendedForbidden(WithSweep(Sent(JoinRoom, Error(403, "M_FORBIDDEN"), Json(200, "{}"))), ForbiddenAction.JoinRoom).Judgement.Finding);
        Assert.Equal("answered 403 M_FORBIDDEN", SuspensionActions.SUS006_RecommendedForbidden(WithSweep(Sent(JoinRoom, Error(403, "M_FORBIDDEN"), Error(403, "M_FORBIDDEN"))), ForbiddenAction.JoinRoom).Judgement.Finding);
        Assert.Equal("refused with 403 ORG.MATRIX.MSC3823.USER_SUSPENDED",
            SuspensionActions.SUS006_RecommendedForbidden(WithSweep(Sent(SetProfileField, Error(403, SuspendedAnswer.UnstableErrcode))), ForbiddenAction.ChangeProfile).Judgement.Finding);
        var accepted = With(WhileSuspended with { AcceptInvite = new ActionAnswer(Json(200, """{"room_id":"!accept:hs"}""", "POST")) });
        Assert.Equal("permitted", SuspensionActions.SUS006_RecommendedForbidden(accepted, ForbiddenAction.AcceptInvite).Judgement.Finding);
        Assert.Equal(Verdict.Error, SuspensionActions.SUS006_RecommendedForbidden(With(WhileSuspended with { RedactOthersEvent = new ActionAnswer(NoAnswer("PUT")) }), ForbiddenAction.RedactOthersEvent).Verdict);
    }
}
