namespace Conformance.Harness.Checks;

/// <summary>A verdict and why, before it is attached to a check and a case.</summary>
public sealed record Judgement(Verdict Verdict, string Reason)
{
    public string? Finding { get; init; }
    public string? Detection { get; init; }

    public static Judgement Pass(string reason) => new(Verdict.Pass, reason);
    public static Judgement Fail(string reason) => new(Verdict.Fail, reason);
    public static Judgement Warn(string reason) => new(Verdict.Warn, reason);
    public static Judgement Inconclusive(string reason) => new(Verdict.Inconclusive, reason);
    public static Judgement Error(string reason) => new(Verdict.Error, reason);
    public static Judgement Info(string finding, string? reason = null) => new(Verdict.Info, reason ?? finding) { Finding = finding };
    public static Judgement Skip(string reason, string detection) => new(Verdict.Skip, reason) { Detection = detection };

    /// <summary>Fail for a MUST, warn for a SHOULD, info below: how a breach at this level is reported.</summary>
    public static Judgement Breach(CheckDefinition check, string reason) => new(Verdicts.ForBreach(check.Level, check.LevelDetail), reason);
}
