using Conformance.Harness.Results;

namespace Conformance.Harness.Reports;

/// <summary>Every report of a run, all made from the one results.json: Allure results and their
/// single-file HTML, JUnit XML, a Markdown summary, and the badge (in the run folder, and under
/// reports/badges/ at a stable path per target).</summary>
public static class ReportSet
{
    public sealed record Written(string? Html, string? HtmlProblem, TimeSpan HtmlTook);

    public static async Task<Written> WriteAsync(RunResults run, IReadOnlyDictionary<string, string> areaTitles, string root, string outDir, string? badgesDir, bool html, CancellationToken ct)
    {
        AllureResultsWriter.Write(run, areaTitles, outDir);
        JUnitWriter.Build(run, areaTitles).Save(Path.Combine(outDir, "junit.xml"));
        await File.WriteAllTextAsync(Path.Combine(outDir, "summary.md"), MarkdownSummary.Render(run, areaTitles), ct);
        var badge = Badge.Of(run);
        foreach (var dir in new[] { outDir, badgesDir }.OfType<string>())
        {
            Directory.CreateDirectory(dir);
            var stem = dir == outDir ? "badge" : run.Target.Name;
            await File.WriteAllTextAsync(Path.Combine(dir, stem + ".json"), badge.ToEndpointJson(), ct);
            await File.WriteAllTextAsync(Path.Combine(dir, stem + ".svg"), badge.ToSvg(), ct);
        }
        if (!html) return new Written(null, "--no-html was given", TimeSpan.Zero);
        var report = await AllureHtmlReport.GenerateAsync(root, outDir, $"Matrix account conformance: {run.Target.Name}", ct);
        return new Written(report.File, report.Problem, report.Took);
    }
}
