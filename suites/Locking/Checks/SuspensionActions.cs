using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.Common;
using Conformance.Suites.Locking.Observations;
using Xunit;

namespace Conformance.Suites.Locking.Checks;

/// <summary>The spec's two lists: what a suspended user should still be able to do (each item as
/// concrete requests), and the recommended forbidden actions, recorded as the server handles them.</summary>
public sealed class SuspensionActions(LockingSuite suite)
{
    [Theory, Check("SUS-004"), NamedCases]
    public Task SUS004(PermittedAction @case) => suite.Context.JudgeAsync(@case, () => suite.Suspension, o => SUS004_StillPermitted(o, @case));

    [Theory, Check("SUS-006"), NamedCases]
    public Task SUS006(ForbiddenAction @case) => suite.Context.JudgeAsync(@case, () => suite.Suspension, o => SUS006_RecommendedForbidden(o, @case));

    public static Outcome SUS004_StillPermitted(SuspensionObservations o, PermittedAction action)
    {
        var subject = Subject(action);
        if (!o.Suspended.TryGet(out var p, out var why)) return new Outcome(subject, why);
        if (action.SweepOperation() is { } operation)
        {
            if (p.Sweep.For(operation) is not { } s) return new Outcome(subject, Judgement.Error($"The suspension sweep sent no {operation} request."));
            subject = s.Request.Operation.Subject;
            var j = SuspendedAnswer.Preliminary(s)
                ?? (s.Response.IsSuccess ? Judgement.Pass($"Permitted while suspended ({s.Response.Summary()}).")
                    : SuspendedAnswer.RefusedForSuspension(s) ? Judgement.Breach($"Refused while suspended: {SuspendedAnswer.Both(s)}.")
                    : SuspendedAnswer.InvalidForBoth(s) ? Judgement.Inconclusive($"Both accounts got {s.Response.Summary()}: the request was not accepted (or failed on the server) either way, so whether the action is permitted is unknown.")
                    : Judgement.Pass($"The same answer as for the control account, which is not suspended ({s.Response.Summary()}): the suspension does not stand in the way."));
            return Outcome.Of(subject, j, s.Evidence);
        }
        Observed<ActionAnswer> dedicated = action switch
        {
            PermittedAction.Login => new ActionAnswer(p.Login),
            PermittedAction.RejectInvite => p.RejectInvite,
            PermittedAction.Logout => p.Logout,
            PermittedAction.DeleteDevice => p.DeleteDevice,
            _ => p.Deactivate,
        };
        if (!dedicated.TryGet(out var answer, out why)) return new Outcome(subject, why);
        var r = answer.Response;
        var verdict = Expect.Arrived(answer.Evidence)
            ?? (r.IsSuccess ? Judgement.Pass($"Permitted while suspended ({r.Summary()}).")
                : SuspendedAnswer.NamesSuspension(r) ? Judgement.Breach($"Refused while suspended ({r.Summary()}).")
                : Judgement.Inconclusive($"Answered {r.Summary()} while suspended; with no control to compare, whether the suspension is the cause is unknown."));
        return Outcome.Of(subject, verdict, answer.Evidence);
    }

    /// <summary>A record, not a judgement: the spec recommends refusing these, but leaves the set to the server.</summary>
    public static Outcome SUS006_RecommendedForbidden(SuspensionObservations o, ForbiddenAction action)
    {
        var subject = Subject(action);
        if (!o.Suspended.TryGet(out var p, out var why)) return new Outcome(subject, why);
        if (action.SweepOperation() is { } operation)
        {
            if (p.Sweep.For(operation) is not { } s) return new Outcome(subject, Judgement.Error($"The suspension sweep sent no {operation} request."));
            subject = s.Request.Operation.Subject;
            var j = Expect.Arrived(s.Evidence) ?? Record(s.Response, s.Response.IsSuccess || SuspendedAnswer.NamesSuspension(s.Response) ? null : s);
            return Outcome.Of(subject, j, s.Evidence);
        }
        var answer = action == ForbiddenAction.AcceptInvite ? p.AcceptInvite : p.RedactOthersEvent;
        return Outcome.Of(subject, Expect.Arrived(answer.Evidence) ?? Record(answer.Response, null), answer.Evidence);
    }

    private static Judgement Record(MatrixResponse r, SuspendedSent? compared) =>
        SuspendedAnswer.IsSuspensionError(r) ? Judgement.Info("refused", $"Refused while suspended ({r.Summary()}).")
        : SuspendedAnswer.NamesSuspension(r) ? Judgement.Info($"refused with {r.Summary()}", $"Refused while suspended, with {r.Summary()}.")
        : r.IsSuccess ? Judgement.Info("permitted", $"Permitted while suspended ({r.Summary()}).")
        : compared is not null && !SuspendedAnswer.SameAsControl(r, compared.Control) ? Judgement.Info($"refused with {r.Summary()}", $"Refused while suspended: {SuspendedAnswer.Both(compared)}.")
        : Judgement.Info($"answered {r.Summary()}", compared is null ? $"Answered {r.Summary()} while suspended." : $"Answered {SuspendedAnswer.Both(compared)}: not a refusal for the suspension.");

    private static string Subject(PermittedAction a) => a switch
    {
        PermittedAction.Login => "POST /_matrix/client/v3/login",
        PermittedAction.RejectInvite => "POST /_matrix/client/v3/rooms/{invited room}/leave",
        PermittedAction.Logout => "POST /_matrix/client/v3/logout",
        PermittedAction.DeleteDevice => "DELETE /_matrix/client/v3/devices/{deviceId}",
        PermittedAction.Deactivate => "POST /_matrix/client/v3/account/deactivate",
        _ => a.SweepOperation()!,
    };

    private static string Subject(ForbiddenAction a) => a switch
    {
        ForbiddenAction.AcceptInvite => "POST /_matrix/client/v3/join/{invited room}",
        ForbiddenAction.RedactOthersEvent => "PUT /_matrix/client/v3/rooms/{roomId}/redact/{other user's event}/{txnId}",
        _ => a.SweepOperation()!,
    };
}
