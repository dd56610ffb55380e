using Conformance.Harness.Checks;
using Xunit;

namespace Conformance.Suites.Common;

/// <summary>
/// Turns an outcome into a result (with the check's catalogue fields) for results.json, and into the
/// matching xunit outcome: fail → failed test, warn → test warning, skip and inconclusive → skipped test,
/// error → failed test with <see cref="CheckErrorException"/>.
/// </summary>
public static class CheckReporter
{
    public static void Report(this SuiteContext ctx, CheckDefinition check, string? @case, Outcome outcome, DateTimeOffset startedAt)
    {
        var j = outcome.Judgement.AtLevel(check.Level, check.LevelDetail);
        var reason = ctx.Redactor.Scrub(j.Reason);
        var result = new CheckResult
        {
            Id = check.Id,
            Case = @case,
            Subject = outcome.Subject,
            Verdict = j.Verdict,
            Reason = reason,
            Finding = j.Finding is null ? null : ctx.Redactor.Scrub(j.Finding),
            Detection = j.Detection,
            Observed = outcome.Observed,
            Exchanges = [.. outcome.Exchanges, .. j.Evidence.Where(e => !outcome.Exchanges.Contains(e))],
            Attachments = outcome.Attachments,
            StartedAt = startedAt,
            DurationMs = Math.Round((DateTimeOffset.UtcNow - startedAt).TotalMilliseconds, 1),
        }.WithDefinition(check);
        ctx.Sink.Add(result);

        var line = $"{check.Id}{(@case is null ? "" : " " + @case)}: {j.Verdict.Name()} - {reason}";
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
}
