using Conformance.Harness.Checks;
using Xunit;

namespace Conformance.Suites.Common;

/// <summary>
/// Turns a case outcome into a result (with the check's catalogue fields) for results.json, and into the
/// matching xunit outcome: fail → failed test, warn → test warning, skip and inconclusive → skipped test,
/// error → failed test with <see cref="CheckErrorException"/>.
/// </summary>
public static class CheckReporter
{
    public static void Report(this SuiteContext ctx, string checkId, CaseOutcome outcome, DateTimeOffset startedAt)
    {
        var j = outcome.Judgement;
        var reason = ctx.Redactor.Scrub(j.Reason);
        var result = new CheckResult
        {
            Id = checkId,
            Case = outcome.Case,
            Subject = outcome.Subject,
            Verdict = j.Verdict,
            Reason = reason,
            Finding = j.Finding is null ? null : ctx.Redactor.Scrub(j.Finding),
            Detection = j.Detection,
            Observed = outcome.Observed,
            Exchanges = outcome.Exchanges,
            Attachments = outcome.Attachments,
            StartedAt = startedAt,
            DurationMs = Math.Round((DateTimeOffset.UtcNow - startedAt).TotalMilliseconds, 1),
        }.WithDefinition(ctx.Check(checkId));
        ctx.Sink.Add(result);

        var line = $"{checkId}{(outcome.Case is null ? "" : " " + outcome.Case)}: {j.Verdict.Name()} - {reason}";
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        switch (j.Verdict)
        {
            case Verdict.Fail: Assert.Fail(line); break;
            case Verdict.Warn: TestContext.Current.AddWarning(line); break;
            case Verdict.Skip: Assert.Skip(line + (j.Detection is null ? "" : $" (detected: {j.Detection})")); break;
            case Verdict.Inconclusive: Assert.Skip(line); break;
            case Verdict.Error: throw new CheckErrorException(line);
        }
    }

    /// <summary>Runs a case, turning any harness exception into an <c>error</c> result rather than losing it.</summary>
    public static async Task RunAsync(this SuiteContext ctx, string checkId, string? @case, string subject, Func<Task<CaseOutcome>> evaluate)
    {
        var started = DateTimeOffset.UtcNow;
        CaseOutcome outcome;
        try
        {
            outcome = await evaluate();
        }
        catch (Exception e) when (e is not Xunit.Sdk.SkipException && e is not CheckErrorException && !IsXunitAssertion(e))
        {
            outcome = new CaseOutcome(@case, subject, Judgement.Error($"{e.GetType().Name}: {e.Message}"));
        }
        ctx.Report(checkId, outcome, started);
    }

    private static bool IsXunitAssertion(Exception e) => e is Xunit.Sdk.IAssertionException;
}
