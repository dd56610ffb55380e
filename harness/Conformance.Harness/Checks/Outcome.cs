using Conformance.Harness.Matrix;

namespace Conformance.Harness.Checks;

/// <summary>What a judge concludes about one case: the subject as a reader would name it, the
/// judgement, and the evidence it rests on.</summary>
public sealed record Outcome(string Subject, Judgement Judgement)
{
    public ObservedResponse? Observed { get; init; }
    public IReadOnlyList<HttpExchange> Exchanges { get; init; } = [];
    public IReadOnlyList<Attachment> Attachments { get; init; } = [];

    /// <summary>The first response that arrived is shown as "observed"; every response is an exchange.</summary>
    public static Outcome Of(string subject, Judgement judgement, params IEnumerable<MatrixResponse?> evidence)
    {
        var responses = evidence.OfType<MatrixResponse>().ToList();
        return new Outcome(subject, judgement)
        {
            Observed = responses.FirstOrDefault()?.ToObserved(),
            Exchanges = responses.Select(r => r.Exchange).ToList(),
        };
    }

    public Verdict Verdict => Judgement.Verdict;
    public string Reason => Judgement.Reason;
}
