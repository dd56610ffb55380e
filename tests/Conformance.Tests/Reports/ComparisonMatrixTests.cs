using Conformance.Harness.Checks;
using Conformance.Harness.Reports;
using Conformance.Harness.Results;
using Conformance.Tests.Support;
using Xunit;
using static Conformance.Tests.Support.SampleRuns;

namespace Conformance.Tests.Reports;

public sealed class ComparisonMatrixTests
{
    private static readonly string Page = Path.Combine(Path.GetTempPath(), "conformance-tests", "page");

    private static ComparisonMatrix Build(params LoadedRun[] runs) => ComparisonMatrix.Build(runs, AreaTitles, Page);

    [Fact]
    public void Rows_are_grouped_by_area_in_the_catalogue_order_then_by_check_number()
    {
        var m = Build(Run("a",
        [
            Result("MD-002", null, Verdict.Pass, area: "oauth-metadata"),
            Result("LK-010", null, Verdict.Pass),
            Result("XY-001", null, Verdict.Pass, area: "suspension"),
            Result("LK-002", null, Verdict.Pass),
            Result("ADM-001", null, Verdict.Pass, area: "admin-lock-api"),
        ]));
        Assert.Equal(["locking", "admin-lock-api", "oauth-metadata", "suspension"], m.Areas.Select(a => a.Key));
        Assert.Equal(["Account locking", "Admin lock API", "OAuth 2.0 server metadata", "suspension"], m.Areas.Select(a => a.Title));
        Assert.Equal(["LK-002", "LK-010"], m.Areas[0].Rows.Select(r => r.Id));
    }

    [Fact]
    public void A_sweep_shows_cases_met_of_cases_ran_and_names_what_was_not_met()
    {
        var cell = Assert.Single(Build(Run("synapse", Sweep("LK-001", 132, Verdict.Skip, Verdict.Skip, Verdict.Skip, Verdict.Skip, Verdict.Skip))).Rows).Cells[0]!;
        Assert.Equal("127/132", cell.Text);
        Assert.Equal("5 skip", cell.Shortfall);
        Assert.Equal(Verdict.Skip, cell.Verdict);
        Assert.StartsWith("132 cases: 5 skip, 127 pass.\nskip: GET /LK-001/op000: skip because", cell.Summary());
    }

    [Fact]
    public void The_most_serious_verdict_colours_a_cell_and_info_counts_as_met()
    {
        CheckCell Cell(params Verdict[] verdicts) => new(verdicts.Select((v, i) => Result("LK-001", $"c{i}", v)).ToList());
        Assert.Equal(Verdict.Fail, Cell(Verdict.Pass, Verdict.Error, Verdict.Fail, Verdict.Warn).Verdict);
        Assert.Equal(Verdict.Error, Cell(Verdict.Pass, Verdict.Warn, Verdict.Error).Verdict);
        Assert.Equal(Verdict.Warn, Cell(Verdict.Skip, Verdict.Warn, Verdict.Inconclusive).Verdict);
        Assert.Equal(Verdict.Inconclusive, Cell(Verdict.Skip, Verdict.Inconclusive).Verdict);
        Assert.Equal(Verdict.Info, Cell(Verdict.Pass, Verdict.Info).Verdict);
        var infos = Cell(Verdict.Info, Verdict.Info, Verdict.Pass);
        Assert.Equal("3/3", infos.Text);
        Assert.Null(infos.Shortfall);
        Assert.Equal("1 error, 2 warn", Cell(Verdict.Warn, Verdict.Error, Verdict.Warn, Verdict.Pass).Shortfall);
    }

    [Fact]
    public void A_single_case_shows_its_verdict_and_its_reason_on_hover()
    {
        var cell = Assert.Single(Build(Run("a", [Result("MD-009", "s256", Verdict.Fail, reason: "code_challenge_methods_supported (plain) lacks S256.")])).Rows).Cells[0]!;
        Assert.Equal("fail", cell.Text);
        Assert.Null(cell.Shortfall);
        Assert.Equal("fail: code_challenge_methods_supported (plain) lacks S256.", cell.Summary());
    }

    [Fact]
    public void Rows_differ_when_a_case_verdict_differs_or_a_run_lacks_the_check()
    {
        var m = Build(
            Run("a", [Result("LK-001", "x", Verdict.Pass), Result("LK-002", "x", Verdict.Pass), Result("LK-003", "x", Verdict.Pass), Result("LK-004", "y", Verdict.Pass)]),
            Run("b", [Result("LK-001", "x", Verdict.Pass), Result("LK-002", "x", Verdict.Fail), Result("LK-004", "z", Verdict.Pass)]));
        var rows = m.Rows.ToDictionary(r => r.Id);
        Assert.False(rows["LK-001"].Differs);
        Assert.True(rows["LK-002"].Differs);
        Assert.True(rows["LK-003"].Differs);
        Assert.Null(rows["LK-003"].Cells[1]);
        Assert.True(rows["LK-004"].Differs, "the same verdict for other cases is a difference");
        Assert.Equal([Verdict.Pass, Verdict.Fail], rows["LK-002"].Verdicts.OrderBy(v => v));
    }

    [Fact]
    public void Runs_of_other_suite_versions_are_shown_and_the_newest_names_the_check()
    {
        var old = Run("old", [Result("LK-008", null, Verdict.Warn, level: CheckLevels.Should) with { Title = "old title" }], suiteVersion: "0.1.0");
        var @new = Run("new", [Result("LK-008", null, Verdict.Fail, level: CheckLevels.Must) with { Title = "new title" }], suiteVersion: "0.10.0");
        var m = Build(old, @new);
        Assert.Equal(["0.1.0", "0.10.0"], m.SuiteVersions);
        var row = Assert.Single(m.Rows);
        Assert.Equal(("new title", CheckLevels.Must), (row.Title, row.Level));
        Assert.Equal("SHOULD in suite 0.1.0", row.LevelNote);
        Assert.Equal(["old", "new"], m.Columns.Select(c => c.Name));
    }

    [Fact]
    public void A_column_scores_MUST_and_SHOULD_cases_with_skips_apart_and_states_the_baseline()
    {
        var results = Sweep("LK-001", 10, Verdict.Fail, Verdict.Skip)
            .Append(Result("LK-008", null, Verdict.Warn, level: CheckLevels.Should))
            .Append(Result("MD-002", null, Verdict.Skip, level: CheckLevels.Should));
        var column = Build(Run("s", results, baseline: new BaselineSummary("fixtures/baselines/s.yaml", 3, 0, 0, 0)),
                           Run("t", results, baseline: new BaselineSummary("b.yaml", 1, 1, 1, 0)), Run("u", results)).Columns;
        Assert.Equal("MUST 8/9", column[0].Must.ToString());
        Assert.Equal("SHOULD 0/1", column[0].Should.ToString());
        Assert.Equal(2, column[0].Skipped);
        Assert.Equal((true, "as the baseline expects (3 expected)"), column[0].Baseline);
        Assert.Equal((false, "2 deviation(s) from the baseline (1 unexpected, 1 fixed, 0 changed)"), column[1].Baseline);
        Assert.Null(column[2].Baseline);
    }

    [Fact]
    public void A_run_is_described_by_its_defects_filter_and_strictness()
    {
        var run = Run("reference", [Result("LK-001", "x", Verdict.Pass)], filter: "LK-001", defects: ["lock-status-forbidden", "metadata-no-s256"]);
        run = run with { Results = run.Results with { Run = run.Results.Run with { Strict = false } } };
        Assert.Equal(["defects: lock-status-forbidden, metadata-no-s256", "only: LK-001", "non-strict"], Build(run).Columns[0].Notes);
    }

    [Fact]
    public void The_report_beside_a_run_is_linked_relative_to_the_page()
    {
        var root = Path.Combine(Path.GetTempPath(), "conformance-tests", Guid.NewGuid().ToString("N")[..10]);
        var withReport = Path.Combine(root, "runs", "synapse 1.160");
        Directory.CreateDirectory(Path.Combine(withReport, "report"));
        File.WriteAllText(Path.Combine(withReport, "report", "index.html"), "<html></html>");
        var columns = ComparisonMatrix.Build(
            [Run("a", [Result("LK-001", "x", Verdict.Pass)], file: Path.Combine(withReport, "results.json")),
             Run("b", [Result("LK-001", "x", Verdict.Pass)], file: Path.Combine(root, "elsewhere", "results.json"))],
            AreaTitles, Path.Combine(root, "runs")).Columns;
        Assert.Equal("synapse%201.160/report/index.html", columns[0].ReportHref);
        Assert.Equal("synapse%201.160/results.json", columns[0].ResultsHref);
        Assert.Null(columns[1].ReportHref);
        Assert.Equal("../elsewhere/results.json", columns[1].ResultsHref);
    }
}
