using Conformance.Harness.Catalogue;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.Common;
using Conformance.Suites.Locking.Observations;
using Xunit;

namespace Conformance.Suites.Locking.Checks;

/// <summary>The suspended token across the API: every request the server refuses because of the
/// suspension must be answered 403 M_USER_SUSPENDED; which code the refusals used is recorded.</summary>
public sealed class SuspensionSweep(LockingSuite suite)
{
    private const string SweepSubject = "every required-auth operation, suspended";

    [Theory, Check("SUS-001"), OperationCases(LockCategories.RequiredAuth)]
    public Task SUS001(string operation) => suite.Context.JudgeAsync(operation, () => suite.Suspension, o => SUS001_Status403(o, Op(operation)));

    [Theory, Check("SUS-002"), OperationCases(LockCategories.RequiredAuth)]
    public Task SUS002(string operation) => suite.Context.JudgeAsync(operation, () => suite.Suspension, o => SUS002_ErrcodeUserSuspended(o, Op(operation)));

    [Theory, Check("SUS-003"), NamedCases]
    public Task SUS003(string @case) => suite.Context.JudgeAsync(@case, () => suite.Suspension, SUS003_UnstableErrcode);

    private Endpoint Op(string operationId) => suite.Context.Endpoints.ById(operationId);

    public static Outcome SUS001_Status403(SuspensionObservations o, Endpoint op) => Judge(o, op, s =>
        s.Response.Status == 403 ? Judgement.Pass($"Refused for the suspension with 403 ({SuspendedAnswer.Both(s)}).")
        : Judgement.Fail($"Refused for the suspension with {SuspendedAnswer.Both(s)}; the spec requires 403 Forbidden."));

    public static Outcome SUS002_ErrcodeUserSuspended(SuspensionObservations o, Endpoint op) => Judge(o, op, s =>
        s.Response.Errcode == SuspendedAnswer.SuspendedErrcode ? Judgement.Pass("Refused for the suspension with errcode M_USER_SUSPENDED.")
        : Judgement.Fail($"Refused for the suspension, but the errcode is {SuspendedAnswer.WrongErrcode(s.Response)} ({SuspendedAnswer.Both(s)})."));

    /// <summary>A record, not a judgement: the stable code is the rule (judged per operation); this says which code the
    /// refusals used, since MSC3823's unstable one was what servers sent before v1.13.</summary>
    public static Outcome SUS003_UnstableErrcode(SuspensionObservations o)
    {
        if (!o.Suspended.TryGet(out var suspended, out var why)) return new Outcome(SweepSubject, why);
        // A count over the sweep: an answer that never came is left out (the operation's own case says so).
        var responses = suspended.Sweep.All.Select(s => s.Response).Where(r => r.Arrived).ToList();
        var stable = responses.Where(r => r.Errcode == SuspendedAnswer.SuspendedErrcode).ToList();
        var unstable = responses.Where(r => r.Errcode == SuspendedAnswer.UnstableErrcode).ToList();
        var finding = (stable.Count, unstable.Count) switch
        {
            (> 0, > 0) => "stable and unstable codes",
            (0, > 0) => "unstable code only",
            (> 0, 0) => "stable code only",
            _ => "no suspension error",
        };
        var reason = $"Of {responses.Count} answers to the suspended token, {stable.Count} had {SuspendedAnswer.SuspendedErrcode} and {unstable.Count} MSC3823's {SuspendedAnswer.UnstableErrcode}.";
        return Outcome.Of(SweepSubject, Judgement.Info(finding, reason), unstable.Concat(stable).Take(2));
    }

    /// <summary>One operation's answer: first what does not let the suspension be judged, then whether it
    /// was a refusal for the suspension at all, then the check's rule for refusals.</summary>
    private static Outcome Judge(SuspensionObservations o, Endpoint op, Func<SuspendedSent, Judgement> refusalRule)
    {
        if (!o.Suspended.TryGet(out var suspended, out var why)) return new Outcome(op.Subject, why);
        if (suspended.Sweep.For(op.OperationId) is not { } sent)
            return new Outcome(op.Subject, Judgement.Error("The suspension scenario sent no request for this operation."));
        var j = SuspendedAnswer.Preliminary(sent)
            ?? (SuspendedAnswer.InvalidForBoth(sent)
                ? Judgement.Inconclusive($"Both accounts got {sent.Response.Summary()}: the request was not accepted (or failed on the server) either way, so it never reached the point where a suspension would show.")
                : sent.Response.IsSuccess ? Judgement.Pass($"Not refused while suspended ({sent.Response.Summary()}).")
                : !SuspendedAnswer.RefusedForSuspension(sent) ? Judgement.Pass($"Not refused for the suspension: {SuspendedAnswer.Both(sent)}.")
                : refusalRule(sent));
        return Outcome.Of(op.Subject, j, sent.Evidence);
    }
}
