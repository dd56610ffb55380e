using System.Text;

namespace Conformance.Harness.Reports;

/// <summary>A run-to-run diff as Markdown for a pull-request comment: the two runs, then a table per kind
/// of change; long tables fold away so the comment stays short.</summary>
public static class RunDiffMarkdown
{
    private const int Unfolded = 15;

    public static string Render(RunDiff diff)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"### Matrix account conformance: {(diff.Regressed ? "regressed" : "no regression")} ({diff.Tally})");
        sb.AppendLine();
        sb.AppendLine("| | run |");
        sb.AppendLine("|---|---|");
        sb.AppendLine($"| old | {Cell(RunDiff.Describe(diff.Old))} |");
        sb.AppendLine($"| new | {Cell(RunDiff.Describe(diff.New))} |");
        sb.AppendLine();
        foreach (var caveat in diff.Caveats) sb.AppendLine($"> {caveat}").AppendLine();
        foreach (var kind in RunDiff.Order)
        {
            var changes = diff.Of(kind);
            if (changes.Count == 0) continue;
            sb.AppendLine($"#### {RunDiff.Title(kind)} ({changes.Count})");
            sb.AppendLine();
            if (changes.Count > Unfolded) sb.AppendLine($"<details><summary>{changes.Count} cases</summary>").AppendLine();
            sb.AppendLine("| check | level | case | verdict | why |");
            sb.AppendLine("|---|---|---|---|---|");
            foreach (var c in changes)
            {
                var why = c.FindingChanged ? $"finding: {c.Old!.Finding} → {c.New!.Finding}" : c.Reason;
                var id = Uri.TryCreate(c.SpecUrl, UriKind.Absolute, out var spec) && spec.Scheme is "https" or "http" ? $"[{c.Id}]({spec.AbsoluteUri})" : c.Id;
                sb.AppendLine($"| {id} | {c.Level} | `{Code(c.Subject)}`{(c.Case is null || c.Subject.Contains(c.Case, StringComparison.Ordinal) ? "" : $" ({Cell(c.Case)})")} | {c.Verdicts} | {Cell(Short(why))} |");
            }
            if (changes.Count > Unfolded) sb.AppendLine().AppendLine("</details>");
            sb.AppendLine();
        }
        return sb.ToString();
    }

    private static string Short(string s)
    {
        var one = s.Replace('\n', ' ');
        return one.Length <= 160 ? one : one[..159] + "…";
    }

    private static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);

    private static string Code(string s) => s.Replace("`", "'", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal);
}
