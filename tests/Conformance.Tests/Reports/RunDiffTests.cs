using Conformance.Harness.Checks;
using Conformance.Harness.Reports;
using Xunit;
using static Conformance.Tests.Support.SampleRuns;

namespace Conformance.Tests.Reports;

public sealed class RunDiffTests
{
    private static RunDiff Diff(IEnumerable<Harness.Checks.CheckResult> old, IEnumerable<Harness.Checks.CheckResult> @new) =>
        RunDiff.Compare(Run("server", old), Run("server", @new));

    [Theory]
    [InlineData(Verdict.Pass, Verdict.Fail, ChangeKind.NewlyFailing)]
    [InlineData(Verdict.Pass, Verdict.Warn, ChangeKind.NewlyFailing)]
    [InlineData(Verdict.Warn, Verdict.Fail, ChangeKind.NewlyFailing)]
    [InlineData(Verdict.Skip, Verdict.Fail, ChangeKind.NewlyFailing)]
    [InlineData(Verdict.Error, Verdict.Warn, ChangeKind.NewlyFailing)]
    [InlineData(Verdict.Pass, Verdict.Skip, ChangeKind.NoLongerPassing)]
    [InlineData(Verdict.Pass, Verdict.Inconclusive, ChangeKind.NoLongerPassing)]
    [InlineData(Verdict.Pass, Verdict.Error, ChangeKind.NoLongerPassing)]
    [InlineData(Verdict.Fail, Verdict.Pass, ChangeKind.NewlyPassing)]
    [InlineData(Verdict.Skip, Verdict.Pass, ChangeKind.NewlyPassing)]
    [InlineData(Verdict.Fail, Verdict.Warn, ChangeKind.Other)]
    [InlineData(Verdict.Fail, Verdict.Error, ChangeKind.Other)]
    [InlineData(Verdict.Error, Verdict.Skip, ChangeKind.Other)]
    public void A_changed_verdict_is_classified(Verdict old, Verdict @new, ChangeKind kind)
    {
        var diff = Diff([Result("LK-001", "sync", old)], [Result("LK-001", "sync", @new)]);
        var change = Assert.Single(diff.Changes);
        Assert.Equal(kind, change.Kind);
        Assert.Equal($"{old.Name()} → {@new.Name()}", change.Verdicts);
        Assert.Equal(kind is ChangeKind.NewlyFailing or ChangeKind.NoLongerPassing, diff.Regressed);
    }

    [Fact]
    public void Unchanged_cases_are_not_listed_and_a_changed_finding_is()
    {
        var diff = Diff(
            [Result("LK-001", "sync", Verdict.Pass), Result("LK-013", "login", Verdict.Info, level: CheckLevels.Info, finding: "lock enforced")],
            [Result("LK-001", "sync", Verdict.Pass), Result("LK-013", "login", Verdict.Info, level: CheckLevels.Info, finding: "answered 403")]);
        var change = Assert.Single(diff.Changes);
        Assert.Equal((ChangeKind.Other, true), (change.Kind, change.FindingChanged));
        Assert.False(diff.Regressed);
        Assert.Contains("finding \"lock enforced\" → \"answered 403\"", RunDiffText.Render(diff));
    }

    [Fact]
    public void New_and_removed_cases_are_listed_but_are_not_regressions()
    {
        var diff = Diff([Result("LK-001", "sync", Verdict.Pass), Result("LK-001", "gone", Verdict.Pass)],
                        [Result("LK-001", "sync", Verdict.Pass), Result("LK-017", null, Verdict.Fail)]);
        Assert.Equal([(ChangeKind.Added, "LK-017", (string?)null), (ChangeKind.Removed, "LK-001", "gone")], diff.Changes.Select(c => (c.Kind, c.Id, c.Case)));
        Assert.False(diff.Regressed);
        Assert.Equal("1 new checks or cases, 1 removed checks or cases", diff.Tally);
    }

    [Fact]
    public void The_text_names_every_changed_case_once_and_ends_with_the_verdict()
    {
        var diff = Diff(Sweep("LK-001", 5), Sweep("LK-001", 5, Verdict.Fail, Verdict.Pass, Verdict.Fail));
        var text = RunDiffText.Render(diff);
        Assert.Contains("\nNewly failing (2):\n", text);
        Assert.Contains("  LK-001 GET /LK-001/op000 (MUST): pass → fail: fail because of LK-001 op000\n", text);
        Assert.Contains("  LK-001 GET /LK-001/op002 (MUST): pass → fail:", text);
        Assert.DoesNotContain("op001", text);
        Assert.EndsWith("Regressed: 2 newly failing.\n", text.ReplaceLineEndings("\n"));
        Assert.EndsWith("No regression: no change.\n", RunDiffText.Render(Diff(Sweep("LK-001", 2), Sweep("LK-001", 2))).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void The_runs_are_named_and_what_makes_them_incomparable_is_said()
    {
        var old = Run("synapse", [Result("LK-001", "x", Verdict.Pass)], suiteVersion: "0.1.0");
        var @new = Run("synapse", [Result("LK-001", "x", Verdict.Pass)], suiteVersion: "0.2.0", filter: "LK-001", defects: ["d"]);
        var diff = RunDiff.Compare(old, @new);
        Assert.Equal(
        [
            "The runs were made by different suite versions (0.1.0 and 0.2.0): new and removed checks may come from that.",
            "The runs selected different checks (old: all; new: LK-001).",
        ], diff.Caveats);
        Assert.Equal("synapse (1.0), suite 0.2.0, 2026-12-01 12:00 UTC, run synaps; defects: d; only: LK-001", RunDiff.Describe(@new));
    }

    [Fact]
    public void The_markdown_is_a_table_per_kind_that_folds_when_long_and_escapes_cells()
    {
        var diff = Diff([.. Sweep("LK-001", 20), Result("MD-009", "s256", Verdict.Pass)],
                        [.. Sweep("LK-001", 20, Enumerable.Repeat(Verdict.Fail, 20).ToArray()), Result("MD-009", "s256", Verdict.Warn, reason: "a | b")]);
        var md = RunDiffMarkdown.Render(diff);
        Assert.StartsWith("### Matrix account conformance: regressed (21 newly failing)\n", md.ReplaceLineEndings("\n"));
        Assert.Contains("#### Newly failing (21)", md);
        Assert.Contains("<details><summary>21 cases</summary>", md);
        Assert.Contains("| check | level | case | verdict | why |", md);
        Assert.Contains("| [LK-001](https://spec.matrix.org/v1.19/client-server-api/#lk-001) | MUST | `GET /LK-001/op000` | pass → fail |", md);
        Assert.Contains("| pass → warn | a \\| b |", md);
        var small = RunDiffMarkdown.Render(Diff([Result("MD-009", "s256", Verdict.Pass)], [Result("MD-009", "s256", Verdict.Fail)]));
        Assert.DoesNotContain("<details>", small);
    }
}
