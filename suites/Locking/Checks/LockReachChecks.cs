using Conformance.Harness.Catalogue;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.Common;
using Conformance.Suites.Locking.Scenarios;
using Xunit;

namespace Conformance.Suites.Locking.Checks;

/// <summary>How far the lock reaches: optional-auth endpoints, OAuth tokens, OPTIONS, no-auth endpoints,
/// tokens in the query string (LK-006, LK-011, LK-012, LK-013, LK-015).</summary>
public sealed class LockReachChecks(LockingSuite suite)
{
    [Theory, Check("LK-006"), OperationCases(LockCategories.OptionalAuth)]
    public Task Optional_auth_endpoints_refuse_a_locked_token(string operation)
    {
        var check = suite.Context.Check("LK-006");
        return SweepJudge.Run(suite, "LK-006", LockScenario.OptionalAuthKey, operation, r =>
        {
            var j = LockedAnswer.Complete(r, check);
            // With the strict reading switched off, a breach is recorded, not failed.
            return j.Verdict == Verdict.Fail && !suite.Context.Profile.Strict
                ? Judgement.Info("not locked here (strict reading off)", j.Reason + " The profile sets strict: false, so this is reported as info.")
                : j;
        });
    }

    [Theory, Check("LK-011"), SampleCases("oauth_token")]
    public Task OAuth_tokens_are_locked_too(string operation) =>
        SweepJudge.Run(suite, "LK-011", "oauth-token", operation, r => LockedAnswer.Complete(r, suite.Context.Check("LK-011")), unavailableKey: "oauth");

    [Theory, Check("LK-012"), SampleCases("options")]
    public Task Options_runs_no_endpoint_logic(string operation)
    {
        var ctx = suite.Context;
        var subject = "OPTIONS " + ctx.Endpoints.ById(operation).Path;
        return ctx.RunAsync("LK-012", operation, subject, async () =>
        {
            var scenario = await suite.Lock;
            if (scenario.Precondition is { } p) return new CaseOutcome(operation, subject, p);
            if (scenario.Find("options", operation) is not { } sent) return new CaseOutcome(operation, subject, SweepJudge.ScenarioEnded(scenario));
            var r = sent.Response;
            var judgement = !r.Arrived ? Judgement.Error($"No response: {r.NetworkError}.")
                : r.Status == 401 || r.Errcode == LockedAnswer.LockedErrcode
                    ? Judgement.Fail($"OPTIONS with the locked token answered {r.Summary()}: the server ran the endpoint's authentication for an OPTIONS request.")
                    : Judgement.Pass($"OPTIONS answered {r.Summary()} without running the endpoint.");
            return CaseOutcome.From(operation, subject, judgement, r);
        });
    }

    [Theory, Check("LK-013"), SampleCases("no_auth")]
    public Task What_no_auth_endpoints_do_with_a_locked_token(string operation) =>
        SweepJudge.Run(suite, "LK-013", "no-auth", operation, r =>
            LockedAnswer.IsLockError(r) ? Judgement.Info("lock enforced", $"The locked token is evaluated here too: {r.Summary()}.")
            : r.IsSuccess ? Judgement.Info("token ignored", $"The locked token is ignored here: {r.Summary()}.")
            : Judgement.Info($"answered {r.Summary()}"), recordOnly: true);

    [Theory, Check("LK-015"), SampleCases("query_token")]
    public Task Query_string_tokens_are_locked_too(string operation) =>
        SweepJudge.Run(suite, "LK-015", "query-token", operation, r => LockedAnswer.Complete(r, suite.Context.Check("LK-015")), unavailableKey: "query-token");
}
