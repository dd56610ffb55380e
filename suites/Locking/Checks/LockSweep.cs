using Conformance.Harness.Catalogue;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.Common;
using Conformance.Suites.Locking.Observations;
using Xunit;

namespace Conformance.Suites.Locking.Checks;

/// <summary>The locked token across the API: every required-auth operation must answer with the lock
/// error, and so must the optional-auth operations (strict reading), tokens from the OAuth 2.0 API and
/// tokens in the query string; OPTIONS must not; what no-auth operations do is recorded.</summary>
public sealed class LockSweep(LockingSuite suite)
{
    [Theory, Check("LK-001"), OperationCases(LockCategories.RequiredAuth)]
    public Task LK001(string operation) => suite.Context.JudgeAsync(operation, () => suite.Lock, o => LK001_Status401(o, Op(operation)));

    [Theory, Check("LK-002"), OperationCases(LockCategories.RequiredAuth)]
    public Task LK002(string operation) => suite.Context.JudgeAsync(operation, () => suite.Lock, o => LK002_ErrcodeUserLocked(o, Op(operation)));

    [Theory, Check("LK-003"), OperationCases(LockCategories.RequiredAuth)]
    public Task LK003(string operation) => suite.Context.JudgeAsync(operation, () => suite.Lock, o => LK003_SoftLogoutTrue(o, Op(operation)));

    [Theory, Check("LK-004"), OperationCases(LockCategories.RequiredAuth)]
    public Task LK004(string operation) => suite.Context.JudgeAsync(operation, () => suite.Lock, o => LK004_StandardError(o, Op(operation)));

    [Theory, Check("LK-005"), OperationCases(LockCategories.RequiredAuth)]
    public Task LK005(string operation) => suite.Context.JudgeAsync(operation, () => suite.Lock, o => LK005_ErrorText(o, Op(operation)));

    [Theory, Check("LK-006"), OperationCases(LockCategories.OptionalAuth)]
    public Task LK006(string operation) => suite.Context.JudgeAsync(operation, () => suite.Lock, o => LK006_OptionalAuthLocked(o, Op(operation), suite.Context.Profile.Strict));

    [Theory, Check("LK-011"), SampleCases("oauth_token")]
    public Task LK011(string operation) => suite.Context.JudgeAsync(operation, () => suite.Lock, o => LK011_OAuthTokensLocked(o, Op(operation)));

    [Theory, Check("LK-012"), SampleCases("options")]
    public Task LK012(string operation) => suite.Context.JudgeAsync(operation, () => suite.Lock, o => LK012_OptionsRunsNoLogic(o, Op(operation)));

    [Theory, Check("LK-013"), SampleCases("no_auth")]
    public Task LK013(string operation) => suite.Context.JudgeAsync(operation, () => suite.Lock, o => LK013_NoAuthEndpoints(o, Op(operation)));

    [Theory, Check("LK-015"), SampleCases("query_token")]
    public Task LK015(string operation) => suite.Context.JudgeAsync(operation, () => suite.Lock, o => LK015_QueryTokensLocked(o, Op(operation)));

    private Endpoint Op(string operationId) => suite.Context.Endpoints.ById(operationId);

    public static Outcome LK001_Status401(LockObservations o, Endpoint op) => Judge(o, l => l.RequiredAuth, op, LockedAnswer.Status);

    public static Outcome LK002_ErrcodeUserLocked(LockObservations o, Endpoint op) => Judge(o, l => l.RequiredAuth, op, LockedAnswer.Errcode);

    public static Outcome LK003_SoftLogoutTrue(LockObservations o, Endpoint op) => Judge(o, l => l.RequiredAuth, op, LockedAnswer.SoftLogout);

    public static Outcome LK004_StandardError(LockObservations o, Endpoint op) => Judge(o, l => l.RequiredAuth, op, LockedAnswer.StandardError);

    public static Outcome LK005_ErrorText(LockObservations o, Endpoint op) => Judge(o, l => l.RequiredAuth, op, LockedAnswer.ErrorText);

    /// <summary>Whether a server must evaluate a token the endpoint does not require is arguable, so
    /// with <paramref name="strict"/> off (the profile's <c>strict: false</c>) a breach is recorded, not failed.</summary>
    public static Outcome LK006_OptionalAuthLocked(LockObservations o, Endpoint op, bool strict) => Judge(o, l => l.OptionalAuth, op, r =>
    {
        var j = LockedAnswer.Complete(r);
        return j.IsBreach && !strict
            ? Judgement.Info("not locked here (strict reading off)", j.Reason + " The profile sets strict: false, so this is reported as info.")
            : j;
    });

    public static Outcome LK011_OAuthTokensLocked(LockObservations o, Endpoint op) => Judge(o, l => l.OAuthToken, op, LockedAnswer.Complete);

    public static Outcome LK012_OptionsRunsNoLogic(LockObservations o, Endpoint op)
    {
        var subject = "OPTIONS " + op.Path;
        if (!o.Locked.TryGet(out var locked, out var why)) return new Outcome(subject, why);
        if (locked.Options.For(op.OperationId) is not { } sent) return new Outcome(subject, NotSent);
        var r = sent.Response;
        var j = Expect.Arrived(r)
            ?? (r.Status == 401 || r.Errcode == LockedAnswer.LockedErrcode
                ? Judgement.Fail($"OPTIONS with the locked token answered {r.Summary()}: the server ran the endpoint's authentication for an OPTIONS request.")
                : Judgement.Pass($"OPTIONS answered {r.Summary()} without running the endpoint."));
        return Outcome.Of(subject, j, r);
    }

    /// <summary>A record, not a judgement: every answer is a finding, so only a missing answer is an error.</summary>
    public static Outcome LK013_NoAuthEndpoints(LockObservations o, Endpoint op)
    {
        if (!o.Locked.TryGet(out var locked, out var why)) return new Outcome(op.Subject, why);
        if (locked.NoAuth.For(op.OperationId) is not { } sent) return new Outcome(op.Subject, NotSent);
        var r = sent.Response;
        var j = Expect.Arrived(r)
            ?? (LockedAnswer.IsLockError(r) ? Judgement.Info("lock enforced", $"The locked token is evaluated here too: {r.Summary()}.")
                : r.IsSuccess ? Judgement.Info("token ignored", $"The locked token is ignored here: {r.Summary()}.")
                : Judgement.Info($"answered {r.Summary()}"));
        return Outcome.Of(op.Subject, j, sent.Evidence);
    }

    public static Outcome LK015_QueryTokensLocked(LockObservations o, Endpoint op) => Judge(o, l => l.QueryToken, op, LockedAnswer.Complete);

    /// <summary>One operation's answer in one sweep: first the answers that do not let the lock be judged
    /// (no answer, rate limited, no such endpoint, validated first), then the check's rule.</summary>
    private static Outcome Judge(LockObservations o, Func<LockedPhase, Observed<SweepAnswers>> sweep, Endpoint op, Func<MatrixResponse, Judgement> rule)
    {
        if (!o.Locked.TryGet(out var locked, out var why) || !sweep(locked).TryGet(out var answers, out why)) return new Outcome(op.Subject, why);
        if (answers.For(op.OperationId) is not { } sent) return new Outcome(op.Subject, NotSent);
        var j = LockedAnswer.Preliminary(sent.Response, sent.WithoutToken, sent.Request.Unavailable) ?? rule(sent.Response);
        return Outcome.Of(op.Subject, j, sent.Evidence);
    }

    /// <summary>The sweep ran, yet without this operation: the harness's fault, not the server's.</summary>
    private static readonly Judgement NotSent = Judgement.Error("The lock scenario sent no request for this operation.");
}
