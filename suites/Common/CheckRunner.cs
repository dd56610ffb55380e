using Conformance.Harness.Checks;
using Xunit;

namespace Conformance.Suites.Common;

/// <summary>
/// The one way a check's test runs a case: read which check is running from the test's traits (its
/// [Check] attribute), wait for the scenario's observations, apply the check's judge, and report. A
/// harness exception anywhere becomes an <c>error</c> result rather than a lost one.
/// </summary>
public static class CheckRunner
{
    public static async Task JudgeAsync<T>(this SuiteContext ctx, object? @case, Func<Task<T>> observations, Func<T, Outcome> judge)
    {
        var check = ctx.Check(RunningCheckId());
        var caseName = @case is null ? null : CaseNames.Of(@case);
        var started = DateTimeOffset.UtcNow;
        Outcome outcome;
        try
        {
            outcome = judge(await observations());
        }
        catch (Exception e) when (e is not Xunit.Sdk.SkipException && e is not Xunit.Sdk.IAssertionException)
        {
            outcome = new Outcome(check.Title, Judgement.Error($"{e.GetType().Name}: {e.Message}"));
        }
        ctx.Report(check, caseName, Unanswered(outcome), started);
    }

    /// <summary>
    /// The net under every judge: a verdict about the server that rests on an answer that never came
    /// (a timeout, a refused connection, a request the breaker did not send) is not a verdict about the
    /// server. Such an outcome becomes <c>error</c>, naming the request.
    /// </summary>
    public static Outcome Unanswered(Outcome outcome)
    {
        if (outcome.Verdict == Verdict.Error || outcome.Exchanges.FirstOrDefault(e => e.Error is not null) is not { } lost) return outcome;
        var path = Uri.TryCreate(lost.Url, UriKind.Absolute, out var u) ? u.AbsolutePath : lost.Url;
        return outcome with { Judgement = Judgement.Error($"No response to {lost.Method} {path}: {lost.Error}. (The judge would have said {outcome.Verdict.Name()}: {outcome.Reason})") };
    }

    /// <summary>The ID of the check the running test implements, from its <c>id</c> trait.</summary>
    public static string RunningCheckId() =>
        TestContext.Current.Test?.Traits.TryGetValue("id", out var ids) == true && ids.Count == 1
            ? ids.First()
            : throw new InvalidOperationException($"The running test {TestContext.Current.Test?.TestDisplayName} has no [Check] attribute.");
}
