using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.Common;
using Conformance.Suites.Locking.Observations;
using Conformance.Suites.Locking.Sweep;
using Xunit;

namespace Conformance.Suites.Locking.Checks;

/// <summary>What a suspension does to a user's sessions over time: new sessions are suspended too,
/// nothing refused took effect, and tokens survive the suspension and its end.</summary>
public sealed class SuspensionLifecycle(LockingSuite suite)
{
    private const string Whoami = "GET /_matrix/client/v3/account/whoami";

    [Theory, Check("SUS-005"), NamedCases]
    public Task SUS005(NewSession @case) => suite.Context.JudgeAsync(@case, () => suite.Suspension, o => SUS005_NewSessionsSuspended(o, @case));

    [Theory, Check("SUS-007"), SuspensionProbeCases]
    public Task SUS007(string probe) => suite.Context.JudgeAsync(probe, () => suite.Suspension, o => SUS007_NothingTookEffect(o, suite.SuspensionPlan.ProbeById(probe)));

    [Theory, Check("SUS-008"), NamedCases]
    public Task SUS008(SuspensionStage @case) => suite.Context.JudgeAsync(@case, () => suite.Suspension, o => SUS008_TokensSurvive(o, @case));

    /// <summary>A request the suspension refused, sent again with a token obtained while suspended, must be
    /// refused the same way: a new session is a session of the same suspended user.</summary>
    public static Outcome SUS005_NewSessionsSuspended(SuspensionObservations o, NewSession kind)
    {
        var subject = kind == NewSession.Login ? "POST /_matrix/client/v3/login, then a refused request" : "POST /_matrix/client/v3/refresh, then a refused request";
        if (!o.Suspended.TryGet(out var p, out var why)) return new Outcome(subject, why);
        var observed = kind == NewSession.Login ? p.NewLogin : p.Refreshed;
        if (!observed.TryGet(out var answer, out why)) return new Outcome(subject, why);
        if (!answer.Retried.TryGet(out var retried, out why)) return Outcome.Of(subject, why, answer.Issued);
        MatrixResponse[] evidence = [retried, answer.Issued, answer.Original];
        var j = Expect.Arrived(evidence)
            ?? (SuspendedAnswer.IsSuspensionError(retried) ? Judgement.Pass($"The new session is suspended too: {retried.Summary()}, like the original session.")
                : retried.IsSuccess ? Judgement.Breach($"With the new session's token, a request the original session was refused ({answer.Original.Summary()}) succeeded ({retried.Summary()}): the new session is not suspended.")
                : Judgement.Breach($"With the new session's token, a request the original session was refused with {answer.Original.Summary()} got {retried.Summary()}; a suspended user's refused action must get 403 M_USER_SUSPENDED."));
        return Outcome.Of(subject, j, evidence);
    }

    /// <summary>A refused request must not have been executed: where every request that could change a
    /// piece of state was refused, the state after unsuspending equals the state before.</summary>
    public static Outcome SUS007_NothingTookEffect(SuspensionObservations o, SideEffectProbes.Probe probe)
    {
        var subject = probe.Request;
        if (!o.Prepared.TryGet(out var prepared, out var why) || !o.Suspended.TryGet(out var p, out why)
            || !o.Unsuspended.TryGet(out var unsuspended, out why) || !unsuspended.StateAfter.TryGet(out var stateAfter, out why))
            return new Outcome(subject, why);
        if (!prepared.StateBefore.TryGetValue(probe.Id, out var before) || !stateAfter.TryGetValue(probe.Id, out var after))
            return new Outcome(subject, Judgement.Error("The suspension scenario did not read this probe's state."));
        if ((Expect.Arrived(before, after) ?? Expect.Answered(before, after)) is { } lost) return Outcome.Of(subject, lost, before, after);
        // Nothing was read when the endpoint is unknown to the server before and after: no verdict rests on that.
        if (LockedAnswer.LooksUnrecognized(before) && LockedAnswer.LooksUnrecognized(after))
            return Outcome.Of(subject, Judgement.Skip("The server does not implement the endpoint this state is read with, so nothing could be compared.",
                $"{probe.Request} answered {before.Summary()} before the suspension and {after.Summary()} after unsuspending"), before, after);

        var sent = probe.ChangedBy.Select(id => (Id: id, Response: AnswerTo(p, id))).Where(t => t.Response is not null).Select(t => (t.Id, Response: t.Response!)).ToList();
        if (sent.Count == 0) return Outcome.Of(subject, Judgement.Error("The suspension scenario sent none of the requests that could change this state."), before, after);
        var note = string.Join(", ", sent.Select(t => $"{t.Id} → {t.Response.Summary()}"));
        var permitted = sent.Where(t => t.Response.IsSuccess).ToList();
        var unchanged = probe.Unchanged(before, after);
        var (was, now) = (probe.Fingerprint(before), probe.Fingerprint(after));
        Judgement j;
        if (permitted.Count == sent.Count)
            j = Judgement.Skip("The server permitted every request that could change this state, so there is no refused request to check.", $"while suspended: {note}");
        else if (unchanged)
            j = Judgement.Pass($"Unchanged after unsuspending (sent while suspended: {note}).");
        else if (permitted.Count > 0)
            j = Judgement.Inconclusive($"Changed while suspended, but {string.Join(", ", permitted.Select(t => t.Id))} was permitted and may be why. Before: {was}. After: {now}. Sent while suspended: {note}.");
        else
            j = Judgement.Fail($"Changed while the account was suspended, though every request that could change it was refused. Before: {was}. After: {now}. Sent while suspended: {note}.");
        return Outcome.Of(subject, j, [before, after, .. sent.Select(t => t.Response)]);
    }

    /// <summary>The answer the suspended account got to a sweep operation, or to a dedicated action
    /// named as in the catalogue's cases.</summary>
    private static MatrixResponse? AnswerTo(SuspendedPhase p, string id) =>
        p.Sweep.For(id)?.Response ?? id switch
        {
            "accept-invite" => p.AcceptInvite.Response,
            "redact-others-event" => p.RedactOthersEvent.Response,
            _ => null,
        };

    /// <summary>A suspension is reversible without a new login: while suspended no answer to the user's
    /// tokens may be M_UNKNOWN_TOKEN, and before and after unsuspending they work for the same user and device.</summary>
    public static Outcome SUS008_TokensSurvive(SuspensionObservations o, SuspensionStage stage)
    {
        if (stage == SuspensionStage.WhileSuspended)
        {
            if (!o.Suspended.TryGet(out var p, out var why)) return new Outcome(Whoami, why);
            if (Expect.Arrived(p.TokensWhileSuspended) is { } lost) return Outcome.Of(Whoami, lost, p.TokensWhileSuspended);
            var answers = p.Sweep.All.Select(s => s.Response).Concat(p.TokensWhileSuspended).ToList();
            if (answers.FirstOrDefault(r => r.Errcode == "M_UNKNOWN_TOKEN") is { } invalidated)
                return Outcome.Of(Whoami, Judgement.Breach($"While suspended, {invalidated.Exchange.Method} {Expect.PathOf(invalidated)} answered {invalidated.Summary()}: the token was treated as invalid."),
                    [invalidated, .. p.TokensWhileSuspended]);
            if (p.TokensWhileSuspended.FirstOrDefault(r => !r.IsSuccess) is { } refused)
                return Outcome.Of(Whoami, Judgement.Breach($"While suspended, GET /account/whoami answered {refused.Summary()}: the session cannot be used."), p.TokensWhileSuspended);
            return Outcome.Of(Whoami, Judgement.Pass($"{answers.Count} answers to the suspended tokens; none was M_UNKNOWN_TOKEN, and whoami works with both."), p.TokensWhileSuspended);
        }
        if (!o.Unsuspended.TryGet(out var u, out var notSeen)) return new Outcome(Whoami, notSeen);
        var whoamis = u.Tokens.Select(t => t.Whoami).ToList();
        if (Expect.Arrived(whoamis) is { } gone) return Outcome.Of(Whoami, gone, whoamis);
        var problems = u.Tokens.Where(t => !(t.Whoami.IsSuccess && t.Whoami.StringField("user_id") == t.Session.UserId && t.Whoami.StringField("device_id") == t.Session.DeviceId))
            .Select(t => $"the token of device {t.Session.DeviceId} got {t.Whoami.Summary()}{(t.Whoami.IsSuccess ? $" for user {t.Whoami.StringField("user_id")}, device {t.Whoami.StringField("device_id")}" : "")}")
            .ToList();
        var j = problems.Count == 0
            ? Judgement.Pass("After unsuspending, both tokens work for the same user and device.")
            : Judgement.Breach("After unsuspending, " + string.Join("; ", problems) + ": the user would have to log in again.");
        return Outcome.Of(Whoami, j, whoamis);
    }
}
