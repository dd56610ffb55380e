using Conformance.Harness.Matrix;

namespace Conformance.Harness.Checks;

/// <summary>A verdict and why, before it is attached to a check and a case.</summary>
public sealed record Judgement(Verdict Verdict, string Reason)
{
    public string? Finding { get; init; }
    public string? Detection { get; init; }

    /// <summary>A broken requirement whose verdict the check's level decides (fail for a MUST, warn for a
    /// SHOULD, info below); <see cref="AtLevel"/> settles it. Judges say "breach" and stay level-free.</summary>
    public bool IsBreach { get; init; }

    /// <summary>Exchanges the judgement itself rests on, such as the probe whose answer is a skip's
    /// detection; a result shows them with the outcome's own evidence.</summary>
    public IReadOnlyList<HttpExchange> Evidence { get; init; } = [];

    public static Judgement Pass(string reason) => new(Verdict.Pass, reason);
    public static Judgement Fail(string reason) => new(Verdict.Fail, reason);
    public static Judgement Warn(string reason) => new(Verdict.Warn, reason);
    public static Judgement Inconclusive(string reason) => new(Verdict.Inconclusive, reason);
    public static Judgement Error(string reason) => new(Verdict.Error, reason);
    public static Judgement Info(string finding, string? reason = null) => new(Verdict.Info, reason ?? finding) { Finding = finding };
    public static Judgement Skip(string reason, string detection) => new(Verdict.Skip, reason) { Detection = detection };
    public static Judgement Breach(string reason) => new(Verdict.Fail, reason) { IsBreach = true };

    /// <summary>The judgement as reported for a check of this level: a breach becomes its level's verdict.</summary>
    public Judgement AtLevel(string level, string? levelDetail = null) =>
        IsBreach ? this with { Verdict = Verdicts.ForBreach(level, levelDetail), IsBreach = false } : this;

    public Judgement WithFinding(string finding) => this with { Finding = finding };

    public Judgement WithEvidence(params IEnumerable<MatrixResponse?> responses) =>
        this with { Evidence = [.. Evidence, .. responses.OfType<MatrixResponse>().Select(r => r.Exchange)] };
}
