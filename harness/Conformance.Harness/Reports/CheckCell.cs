using System.Globalization;
using System.Text;
using Conformance.Harness.Checks;

namespace Conformance.Harness.Reports;

/// <summary>
/// One check in one run: its cases, summed up for a table cell. A single-case check shows its verdict;
/// a check with several cases (a sweep) shows how many were met out of how many ran, e.g. "129/132",
/// and the verdicts that were not met. The cell takes the colour of its most serious verdict.
/// </summary>
public sealed record CheckCell(IReadOnlyList<CheckResult> Cases)
{
    /// <summary>Most serious first: a broken MUST, then what could not be judged, a broken SHOULD, an
    /// unsettled answer, a feature not offered, a recorded behaviour, a pass.</summary>
    public static readonly Verdict[] BySeriousness = [Verdict.Fail, Verdict.Error, Verdict.Warn, Verdict.Inconclusive, Verdict.Skip, Verdict.Info, Verdict.Pass];

    public static int Seriousness(Verdict v) => BySeriousness.Length - Array.IndexOf(BySeriousness, v);

    /// <summary>Pass, and info (what INFO and MAY checks record) meet the requirement.</summary>
    public static bool IsMet(Verdict v) => v is Verdict.Pass or Verdict.Info;

    public Verdict Verdict => Cases.Select(c => c.Verdict).MaxBy(Seriousness);

    public int Met => Cases.Count(c => IsMet(c.Verdict));

    public IReadOnlyList<(Verdict Verdict, int Count)> Counts =>
        BySeriousness.Select(v => (v, Cases.Count(c => c.Verdict == v))).Where(x => x.Item2 > 0).ToList();

    /// <summary>The cell's main text: the verdict of a single case, else met/total.</summary>
    public string Text => Cases.Count == 1 ? Verdict.Name() : $"{Met}/{Cases.Count}";

    /// <summary>For several cases, the verdicts that were not met ("5 skip", "2 warn, 1 error"); else null.</summary>
    public string? Shortfall => Cases.Count == 1 || Met == Cases.Count ? null
        : string.Join(", ", Counts.Where(c => !IsMet(c.Verdict)).Select(c => $"{c.Count} {c.Verdict.Name()}"));

    /// <summary>What the cell means, in a line or a few: for the hover text.</summary>
    public string Summary(int maxListed = 6)
    {
        if (Cases.Count == 1) return $"{Verdict.Name()}: {Reason(Cases[0])}";
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{Cases.Count} cases: {string.Join(", ", Counts.Select(c => $"{c.Count} {c.Verdict.Name()}"))}.");
        var notMet = Cases.Where(c => !IsMet(c.Verdict)).OrderByDescending(c => Seriousness(c.Verdict)).ToList();
        foreach (var c in notMet.Take(maxListed)) sb.Append('\n').Append($"{c.Verdict.Name()}: {c.Subject}: {Reason(c)}");
        if (notMet.Count > maxListed) sb.Append('\n').Append(CultureInfo.InvariantCulture, $"… and {notMet.Count - maxListed} more");
        return sb.ToString();
    }

    /// <summary>Same verdict for the same cases: two runs whose cells have equal signatures do not differ.</summary>
    public string Signature => string.Join('\n', Cases.Select(c => $"{c.Case}={c.Verdict.Name()}").Order(StringComparer.Ordinal));

    private static string Reason(CheckResult r)
    {
        var reason = r.Reason.Replace('\n', ' ');
        return reason.Length <= 240 ? reason : reason[..239] + "…";
    }
}
