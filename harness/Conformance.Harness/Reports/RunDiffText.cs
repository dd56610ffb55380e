using System.Text;

namespace Conformance.Harness.Reports;

/// <summary>A run-to-run diff for a terminal or a CI log: every changed case on its own line.</summary>
public static class RunDiffText
{
    public static string Render(RunDiff diff)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"old: {RunDiff.Describe(diff.Old)}");
        sb.AppendLine($"     {diff.Old.File}");
        sb.AppendLine($"new: {RunDiff.Describe(diff.New)}");
        sb.AppendLine($"     {diff.New.File}");
        foreach (var caveat in diff.Caveats) sb.AppendLine($"note: {caveat}");
        foreach (var kind in RunDiff.Order)
        {
            var changes = diff.Of(kind);
            if (changes.Count == 0) continue;
            sb.AppendLine();
            sb.AppendLine($"{RunDiff.Title(kind)} ({changes.Count}):");
            foreach (var c in changes)
            {
                var what = c.FindingChanged ? $"finding \"{c.Old!.Finding}\" → \"{c.New!.Finding}\"" : $"{c.Verdicts}: {OneLine(c.Reason)}";
                sb.AppendLine($"  {c.Id} {c.Subject}{(c.Case is null || c.Subject.Contains(c.Case, StringComparison.Ordinal) ? "" : $" [{c.Case}]")} ({c.Level}): {what}");
            }
        }
        sb.AppendLine();
        sb.AppendLine(Verdict(diff));
        return sb.ToString();
    }

    public static string Verdict(RunDiff diff) => diff.Regressed ? $"Regressed: {diff.Tally}." : $"No regression: {diff.Tally}.";

    private static string OneLine(string s)
    {
        var one = s.Replace('\n', ' ');
        return one.Length <= 200 ? one : one[..199] + "…";
    }
}
