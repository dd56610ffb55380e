using Conformance.Harness.Checks;

namespace Conformance.Harness.Reports;

/// <summary>
/// How a run did at one level, counted in cases: how many passed out of those that ran. Skipped cases (a
/// feature the server does not offer) are counted apart and never as failures. The badge and the matrix
/// page show the same numbers.
/// </summary>
public sealed record LevelScore(string Level, int Passed, int Judged, int Skipped)
{
    public static LevelScore Of(IEnumerable<CheckResult> results, string level)
    {
        var atLevel = results.Where(r => r.Level == level).ToList();
        var ran = atLevel.Where(r => r.Verdict != Verdict.Skip).ToList();
        return new LevelScore(level, ran.Count(r => r.Verdict == Verdict.Pass), ran.Count, atLevel.Count - ran.Count);
    }

    public bool AllPassed => Passed == Judged;

    public override string ToString() => $"{Level} {Passed}/{Judged}";
}
