using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Conformance.Harness.Checks;
using Conformance.Harness.Reports;
using Conformance.Harness.Results;
using Xunit;
using static Conformance.Tests.Support.SampleRuns;

namespace Conformance.Tests.Reports;

public sealed class MatrixPageTests
{
    private static AngleSharp.Html.Dom.IHtmlDocument Render(out ComparisonMatrix m, params LoadedRun[] runs)
    {
        m = ComparisonMatrix.Build(runs, AreaTitles, Path.Combine(Path.GetTempPath(), "conformance-tests"));
        return new HtmlParser().ParseDocument(MatrixPage.Render(m, "a title", T0, "matrix-account-conformance 0.1.0"));
    }

    private static readonly LoadedRun Clean = Run("reference", [.. Sweep("LK-001", 4), Result("MD-009", "s256", Verdict.Pass, area: "oauth-metadata")]);
    private static readonly LoadedRun Broken = Run("broken", [.. Sweep("LK-001", 4, Verdict.Fail), Result("MD-009", "s256", Verdict.Fail, area: "oauth-metadata")]);

    [Fact]
    public void The_page_loads_nothing_from_anywhere()
    {
        var doc = Render(out _, Clean, Broken);
        Assert.Equal(MatrixPage.ContentSecurityPolicy, doc.QuerySelector("meta[http-equiv=Content-Security-Policy]")?.GetAttribute("content"));
        Assert.StartsWith("default-src 'none';", MatrixPage.ContentSecurityPolicy);
        Assert.Empty(doc.QuerySelectorAll("[src], link, iframe, object, embed, img, base"));
        Assert.All(doc.QuerySelectorAll("[href]"), e => Assert.Equal("A", e.TagName));
        Assert.Equal(2, doc.QuerySelectorAll("script").Length);
        Assert.Single(doc.QuerySelectorAll("style"));
    }

    [Fact]
    public void One_column_per_run_and_one_row_per_check_grouped_by_area()
    {
        var doc = Render(out var m, Clean, Broken);
        Assert.Equal(["reference", "broken"], doc.QuerySelectorAll("th.run .name").Select(e => e.TextContent));
        Assert.Equal(["Account locking 1 checks", "OAuth 2.0 server metadata 1 checks"], doc.QuerySelectorAll("tr.area th").Select(e => e.TextContent));
        var rows = doc.QuerySelectorAll("tr.check");
        Assert.Equal(["LK-001", "MD-009"], rows.Select(r => r.GetAttribute("data-id")));
        Assert.All(rows, r => Assert.Equal("1", r.GetAttribute("data-differs")));
        var cells = rows[0].QuerySelectorAll("td.cell");
        Assert.Equal(["4/4", "3/4"], cells.Select(c => c.QuerySelector("b")!.TextContent));
        Assert.Equal("1 fail", cells[1].QuerySelector("small")!.TextContent);
        Assert.Contains("v-fail", cells[1].ClassList);
        Assert.StartsWith("4 cases: 1 fail, 3 pass.\nfail: GET /LK-001/op000: fail because", cells[1].GetAttribute("title"));
        Assert.Equal("https://spec.matrix.org/v1.19/client-server-api/#lk-001", rows[0].QuerySelector("a.id")!.GetAttribute("href"));
        Assert.Equal(["MUST 5/5", "MUST 3/5"], doc.QuerySelectorAll("td.score div:first-child").Select(e => e.TextContent));
    }

    [Fact]
    public void The_detail_data_holds_every_case_once_per_distinct_cell()
    {
        var doc = Render(out _, Clean, Clean with { File = "/elsewhere/results.json" }, Broken);
        var data = JsonNode.Parse(doc.QuerySelector("script#data")!.TextContent)!;
        var strings = data["strings"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
        var lk001 = data["cells"]!["LK-001"]!.AsArray().Select(n => n!.GetValue<int>()).ToList();
        Assert.Equal(lk001[0], lk001[1]);
        Assert.NotEqual(lk001[0], lk001[2]);
        var broken = data["lists"]![lk001[2]]!.AsArray();
        Assert.Equal(4, broken.Count);
        Assert.Equal("fail", strings[broken[0]![2]!.GetValue<int>()]);
        Assert.Equal("fail because of LK-001 op000", strings[broken[0]![3]!.GetValue<int>()]);
    }

    [Fact]
    public void Text_from_a_results_file_never_becomes_markup()
    {
        var hostile = Run("<img src=x onerror=alert(1)>",
        [
            Result("LK-001", "x", Verdict.Fail, reason: "</script><script>alert(1)</script>") with
            {
                Title = "<b>bold</b>", SpecUrl = "javascript:alert(1)",
            },
        ]);
        var doc = Render(out _, hostile);
        Assert.Equal(2, doc.QuerySelectorAll("script").Length);
        Assert.Empty(doc.QuerySelectorAll("img, th b"));
        Assert.Null(doc.QuerySelector("tr.check a.id"));
        Assert.Equal("<img src=x onerror=alert(1)>", doc.QuerySelector("th.run .name")!.TextContent);
        var data = JsonNode.Parse(doc.QuerySelector("script#data")!.TextContent)!;
        Assert.Contains("</script><script>alert(1)</script>", data["strings"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(-1, data["checks"]!["LK-001"]![2]!.GetValue<int>());
    }

    [Fact]
    public void Mismatched_suite_versions_are_shown_not_hidden()
    {
        var doc = Render(out _, Clean, Run("newer", [Result("LK-001", "op000", Verdict.Pass)], suiteVersion: "0.2.0", spec: "v1.20"));
        Assert.Contains("different suite versions: 0.1.0 (1 run), 0.2.0 (1 run)", doc.QuerySelector("#suite-versions")!.TextContent);
        Assert.Contains("different spec versions: v1.19 (1 run), v1.20 (1 run)", doc.QuerySelector("#spec-versions")!.TextContent);
        var suites = doc.QuerySelectorAll("th.run .suite");
        Assert.Contains("mismatch", suites[0].ClassList);
        Assert.DoesNotContain("mismatch", suites[1].ClassList);
        var missing = doc.QuerySelector("tr[data-id=MD-009] td[data-col='1']")!;
        Assert.Equal("—", missing.TextContent);
        Assert.Equal("not in this run (suite 0.2.0)", missing.GetAttribute("title"));
        Assert.Null(Render(out _, Clean, Broken).QuerySelector("#suite-versions"));
    }

    [Fact]
    public void Filters_offer_the_areas_levels_and_verdicts_present()
    {
        var doc = Render(out _, Clean, Run("x", [Result("LK-005", "a", Verdict.Info, level: CheckLevels.May)]));
        Assert.Equal(["", "locking", "oauth-metadata"], doc.QuerySelectorAll("select[name=area] option").Select(o => o.GetAttribute("value")));
        Assert.Equal(["MUST", "MAY"], doc.QuerySelectorAll("input[name=level]").Select(o => o.GetAttribute("value")));
        Assert.Contains("not-met", doc.QuerySelectorAll("select[name=verdict] option").Select(o => o.GetAttribute("value")));
        Assert.NotNull(doc.QuerySelector("input[name=differences]"));
    }

    [Fact]
    public void Cells_the_baseline_expects_are_marked()
    {
        var expected = new BaselineView(BaselineStatus.Expected, "skip", "no such API");
        var doc = Render(out _, Run("s", [Result("ADM-001", "get", Verdict.Skip, area: "admin-lock-api", baseline: expected)], baseline: new BaselineSummary("b.yaml", 1, 0, 0, 0)));
        var cell = doc.QuerySelector("td.cell")!;
        Assert.Contains("expected", cell.ClassList);
        Assert.Contains("(as the run's baseline expects)", cell.GetAttribute("title"));
        Assert.Equal("baseline met", doc.QuerySelector("td.score .baseline")!.TextContent);
    }
}
