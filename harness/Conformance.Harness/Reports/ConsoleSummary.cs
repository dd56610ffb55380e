using System.Text;
using Conformance.Harness.Checks;
using Conformance.Harness.Results;

namespace Conformance.Harness.Reports;

/// <summary>The few lines a person reads at the end of a run: counts by area and level, and the MUST
/// failures and errors by name.</summary>
public static class ConsoleSummary
{
    private static readonly Verdict[] Columns = [Verdict.Pass, Verdict.Fail, Verdict.Warn, Verdict.Info, Verdict.Skip, Verdict.Inconclusive, Verdict.Error];

    public static string Render(RunResults run, IReadOnlyDictionary<string, string> areaTitles, int maxListed = 15)
    {
        var sb = new StringBuilder();
        sb.AppendLine();
        sb.AppendLine($"{"target",-13}{run.Target.Name} ({run.Target.Kind}) at {run.Target.BaseUrl}");
        sb.AppendLine($"{"server",-13}{run.Target.ServerVersion ?? run.Target.ServerHeader ?? "version not reported"}; spec versions {Range(run.Target.SpecVersions)}");
        foreach (var (name, value) in run.Features.Where(f => !f.Key.StartsWith("fixture-", StringComparison.Ordinal)))
            sb.AppendLine($"{name.PadRight(12)} {value}");
        if (run.Run.Unresponsive is { } silent) sb.AppendLine($"{"unresponsive",-13}{silent}");
        if (run.Run.Require.Count > 0) sb.AppendLine($"{"required",-13}{string.Join(", ", run.Run.Require)}");
        sb.AppendLine();
        var header = $"{"",-31}" + string.Concat(Columns.Select(c => c.Name().PadLeft(Width(c))));
        sb.AppendLine(header);
        foreach (var area in run.Results.GroupBy(r => r.Area))
            sb.AppendLine(Row(areaTitles.GetValueOrDefault(area.Key, area.Key), area));
        sb.AppendLine(new string('-', header.Length));
        foreach (var level in run.Results.GroupBy(r => r.Level).OrderBy(g => Array.IndexOf(CheckLevels.All, g.Key)))
            sb.AppendLine(Row(level.Key, level));
        sb.AppendLine(Row("all", run.Results));

        if (run.Baseline is { } b)
        {
            sb.AppendLine();
            sb.AppendLine($"baseline     {b.File}: {b.Expected} expected, {b.Unexpected} unexpected, {b.Fixed} fixed (now pass), {b.Changed} changed");
            List("Deviations from the baseline", run.Results.Where(r => r.Baseline?.Status is BaselineStatus.Unexpected or BaselineStatus.Fixed or BaselineStatus.Changed),
                r => $"[{r.Baseline!.Status}{(r.Baseline.Expected is null ? "" : $", baseline says {r.Baseline.Expected}")}] ");
        }
        List("MUST failures", run.Results.Where(r => r.Verdict == Verdict.Fail && r.Level == CheckLevels.Must), r => r.Baseline?.Status == BaselineStatus.Expected ? "[expected] " : "");
        List("Other failures and warnings", run.Results.Where(r => r.Verdict == Verdict.Warn || r.Verdict == Verdict.Fail && r.Level != CheckLevels.Must), _ => "");
        List("Errors (the harness could not judge)", run.Results.Where(r => r.Verdict == Verdict.Error), _ => "");
        return sb.ToString();

        void List(string title, IEnumerable<CheckResult> results, Func<CheckResult, string> tag)
        {
            var list = results.ToList();
            if (list.Count == 0) return;
            sb.AppendLine();
            sb.AppendLine($"{title} ({list.Count}):");
            foreach (var r in list.Take(maxListed))
                sb.AppendLine($"  {tag(r)}{r.Id} {r.Subject}: {Shorten(r.Reason, 160)}");
            if (list.Count > maxListed) sb.AppendLine($"  … and {list.Count - maxListed} more in results.json");
        }
    }

    private static string Row(string label, IEnumerable<CheckResult> results)
    {
        var counts = results.GroupBy(r => r.Verdict).ToDictionary(g => g.Key, g => g.Count());
        return $"{Shorten(label, 30),-31}" + string.Concat(Columns.Select(c => (counts.TryGetValue(c, out var n) ? n : 0).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(Width(c))));
    }

    private static int Width(Verdict v) => Math.Max(v.Name().Length + 2, 7);

    private static string Range(IReadOnlyList<string> versions) => versions.Count switch
    {
        0 => "none",
        1 => versions[0],
        _ => $"{versions[0]} … {versions[^1]}",
    };

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
