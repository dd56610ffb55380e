using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;

namespace Conformance.Suites.Common;

// TEMPORARY (check-layer renovation in progress): the old wrapper types, kept only until every family is
// converted to static judges run through CheckRunner.JudgeAsync. Delete this file then.
public sealed record CaseOutcome(string? Case, string Subject, Judgement Judgement)
{
    public ObservedResponse? Observed { get; init; }
    public IReadOnlyList<HttpExchange> Exchanges { get; init; } = [];
    public IReadOnlyList<Attachment> Attachments { get; init; } = [];

    public static CaseOutcome From(string? @case, string subject, Judgement judgement, params MatrixResponse?[] evidence) =>
        new(@case, subject, judgement)
        {
            Observed = evidence.FirstOrDefault(r => r is not null)?.ToObserved(),
            Exchanges = evidence.OfType<MatrixResponse>().Select(r => r.Exchange).ToList(),
        };
}

public static class LegacyCheckRunner
{
    public static async Task RunAsync(this SuiteContext ctx, string checkId, string? @case, string subject, Func<Task<CaseOutcome>> evaluate)
    {
        var started = DateTimeOffset.UtcNow;
        CaseOutcome outcome;
        try { outcome = await evaluate(); }
        catch (Exception e) when (e is not Xunit.Sdk.SkipException && e is not CheckErrorException && e is not Xunit.Sdk.IAssertionException)
        {
            outcome = new CaseOutcome(@case, subject, Judgement.Error($"{e.GetType().Name}: {e.Message}"));
        }
        ctx.Report(ctx.Check(checkId), @case, new Outcome(outcome.Subject, outcome.Judgement)
        {
            Observed = outcome.Observed, Exchanges = outcome.Exchanges, Attachments = outcome.Attachments,
        }, started);
    }
}
