using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;

namespace Conformance.Suites.Common;

/// <summary>A judgement about one case, with the subject and the evidence it came from.</summary>
public sealed record CaseOutcome(string? Case, string Subject, Judgement Judgement)
{
    public Observed? Observed { get; init; }
    public IReadOnlyList<HttpExchange> Exchanges { get; init; } = [];
    public IReadOnlyList<Attachment> Attachments { get; init; } = [];

    public static CaseOutcome From(string? @case, string subject, Judgement judgement, params MatrixResponse?[] evidence) =>
        new(@case, subject, judgement)
        {
            Observed = evidence.FirstOrDefault(r => r is not null)?.ToObserved(),
            Exchanges = evidence.OfType<MatrixResponse>().Select(r => r.Exchange).ToList(),
        };
}
