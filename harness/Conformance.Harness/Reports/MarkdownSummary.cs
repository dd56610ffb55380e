using System.Text;
using Conformance.Harness.Checks;
using Conformance.Harness.Results;

namespace Conformance.Harness.Reports;

/// <summary>A short Markdown page for a CI job summary: the target, the counts by area and level, every
/// MUST failure with its spec link, and the baseline's view.</summary>
public static class MarkdownSummary
{
    private static readonly Verdict[] Columns = [Verdict.Pass, Verdict.Fail, Verdict.Warn, Verdict.Info, Verdict.Skip, Verdict.Inconclusive, Verdict.Error];

    public static string Render(RunResults run, IReadOnlyDictionary<string, string> areaTitles)
    {
        var sb = new StringBuilder();
        var mustFailures = run.Results.Where(r => r.Verdict == Verdict.Fail && r.Level == CheckLevels.Must).ToList();
        var headline = run.Run.Unresponsive is not null ? "the target stopped answering"
            : run.Baseline is { } b
            ? b.Deviations == 0 ? "as the baseline expects" : $"{b.Deviations} deviation(s) from the baseline"
            : mustFailures.Count == 0 ? "no MUST failed" : $"{mustFailures.Count} MUST failure(s)";
        sb.AppendLine($"## Matrix account conformance: {run.Target.Name}: {headline}");
        sb.AppendLine();
        sb.AppendLine("| | |");
        sb.AppendLine("|---|---|");
        sb.AppendLine($"| target | {run.Target.Name} ({run.Target.Kind}) |");
        sb.AppendLine($"| server | {Cell(run.Target.ServerVersion ?? run.Target.ServerHeader ?? "not reported")} |");
        sb.AppendLine($"| spec versions advertised | {Cell(string.Join(", ", run.Target.SpecVersions))} |");
        sb.AppendLine($"| checked against | Matrix spec {run.Spec.Version} |");
        sb.AppendLine($"| suite | {run.Suite.Name} {run.Suite.Version} |");
        sb.AppendLine($"| run | {run.Run.Id}, {run.Run.StartedAt:yyyy-MM-dd HH:mm} UTC, {run.Run.DurationMs / 1000:0.0} s |");
        if (run.Run.Unresponsive is { } silent) sb.AppendLine($"| unresponsive | {Cell(silent)} |");
        sb.AppendLine();
        Table("area", run.Results.GroupBy(r => areaTitles.GetValueOrDefault(r.Area, r.Area)));
        Table("level", run.Results.GroupBy(r => r.Level).OrderBy(g => Array.IndexOf(CheckLevels.All, g.Key)));

        sb.AppendLine($"### MUST failures ({mustFailures.Count})");
        sb.AppendLine();
        if (mustFailures.Count == 0) sb.AppendLine("None.");
        foreach (var r in mustFailures)
            sb.AppendLine($"- **{r.Id}** `{r.Subject}`: {Line(r.Reason)} ([spec]({r.SpecUrl})){(r.Baseline?.Status == BaselineStatus.Expected ? " (expected by the baseline)" : "")}");
        sb.AppendLine();
        if (run.Baseline is { } baseline)
        {
            sb.AppendLine($"### Baseline `{baseline.File}`");
            sb.AppendLine();
            sb.AppendLine($"{baseline.Expected} expected, {baseline.Unexpected} unexpected, {baseline.Fixed} fixed (now pass), {baseline.Changed} changed.");
            foreach (var r in run.Results.Where(r => r.Baseline?.Status is BaselineStatus.Unexpected or BaselineStatus.Fixed or BaselineStatus.Changed))
                sb.AppendLine($"- {r.Baseline!.Status}: **{r.Id}** `{r.Subject}` is {r.Verdict.Name()}{(r.Baseline.Expected is null ? "" : $", baseline says {r.Baseline.Expected}")}: {Line(r.Reason)}");
            sb.AppendLine();
        }
        return sb.ToString();

        void Table(string by, IEnumerable<IGrouping<string, CheckResult>> groups)
        {
            sb.AppendLine($"| {by} | {string.Join(" | ", Columns.Select(c => c.Name()))} |");
            sb.AppendLine($"|---|{string.Concat(Columns.Select(_ => "---:|"))}");
            foreach (var g in groups)
                sb.AppendLine($"| {g.Key} | {string.Join(" | ", Columns.Select(c => g.Count(r => r.Verdict == c)))} |");
            sb.AppendLine();
        }
    }

    private static string Line(string s)
    {
        var one = s.Replace('\n', ' ').Replace("|", "\\|", StringComparison.Ordinal);
        return one.Length <= 200 ? one : one[..199] + "…";
    }

    private static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal);
}
