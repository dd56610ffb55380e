using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.Common;
using Conformance.Suites.Locking.Scenarios;

namespace Conformance.Suites.Locking.Checks;

/// <summary>Runs one case of a check that judges a request of the lock scenario's sweep.</summary>
public static class SweepJudge
{
    /// <summary><paramref name="recordOnly"/> is for INFO checks: every answer is a finding, so the
    /// preliminary rules (skip, inconclusive) do not apply; only a missing answer is an error.</summary>
    public static Task Run(LockingSuite suite, string checkId, string map, string operationId, Func<MatrixResponse, Judgement> rule, string? unavailableKey = null, bool recordOnly = false)
    {
        var ctx = suite.Context;
        var subject = ctx.Endpoints.ById(operationId).Subject;
        return ctx.RunAsync(checkId, operationId, subject, async () =>
        {
            var scenario = await suite.Lock;
            if (scenario.Precondition is { } p) return new CaseOutcome(operationId, subject, p);
            if (unavailableKey is not null && scenario.Unavailable.TryGetValue(unavailableKey, out var missing)) return new CaseOutcome(operationId, subject, missing);
            if (scenario.Find(map, operationId) is not { } sent)
                return new CaseOutcome(operationId, subject, ScenarioEnded(scenario));
            var judgement = recordOnly
                ? sent.Response.Arrived ? rule(sent.Response) : Judgement.Error($"No response: {sent.Response.NetworkError}.")
                : LockedAnswer.Preliminary(sent.Response, sent.WithoutToken, sent.Request.Unavailable) ?? rule(sent.Response);
            return CaseOutcome.From(operationId, subject, judgement, sent.Evidence);
        });
    }

    public static Judgement ScenarioEnded(LockScenario scenario) =>
        scenario.Unavailable.GetValueOrDefault("scenario") ?? Judgement.Error("The lock scenario ended before this request was sent.");
}
