using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Harness.Reports;
using Conformance.Harness.Results;
using Conformance.Runner;
using Conformance.Suites.Common;
using Xunit;

namespace Conformance.Tests.Unit;

/// <summary>How a run ends, from hand-made results: a silent target is exit 4 whatever was seen before; a
/// required area that was entirely skipped is exit 1 with its detection; a badge with nothing applicable
/// says n/a, not a pass; and no verdict rests on an answer that never came.</summary>
public sealed class RunEndTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static CheckResult Result(string id, string area, string level, Verdict verdict, string? detection = null) =>
        new() { Id = id, Subject = id, Verdict = verdict, Reason = "r", Detection = detection, Area = area, Level = level };

    private static RunResults Run(IReadOnlyList<CheckResult> results, string? unresponsive = null, params string[] require) => new()
    {
        Suite = new SuiteInfo("matrix-account-conformance", "0.1.0"),
        Run = new RunInfo { Id = "r", StartedAt = T0, FinishedAt = T0, Unresponsive = unresponsive, Require = require },
        Target = new TargetInfo { Name = "hs", Kind = "url", BaseUrl = "http://127.0.0.1:9" },
        Spec = new SpecInfo("v1.19", "c"),
        Summary = ResultSummary.Of(results),
        Results = results,
    };

    private static readonly CheckResult[] NoLocking =
    [
        Result("LK-001", "locking", CheckLevels.Must, Verdict.Skip, "probed: capabilities, unstable flags, Synapse admin API"),
        Result("LK-002", "locking", CheckLevels.Must, Verdict.Skip, "probed: capabilities, unstable flags, Synapse admin API"),
        Result("MD-001", "oauth-metadata", CheckLevels.Must, Verdict.Pass),
    ];

    [Fact]
    public void A_target_declared_unresponsive_ends_with_exit_4_even_after_a_MUST_failure()
    {
        var run = Run([Result("LK-001", "locking", CheckLevels.Must, Verdict.Fail), Result("LK-002", "locking", CheckLevels.Must, Verdict.Error)], "the target stopped answering: GET /x: timed out after 10 s");
        Assert.Equal(4, RunExit.CodeOf(run));
        Assert.Equal("Exit code 4: the target stopped answering: GET /x: timed out after 10 s. No request was sent after that; checks not judged by then are errors, and what was observed before is in the results (1 MUST failure(s) among it).",
            RunExit.Explain(4, run));
    }

    [Fact]
    public void A_required_area_entirely_skipped_fails_the_run_with_its_detection()
    {
        var run = Run(NoLocking, null, "locking");
        Assert.Equal(1, RunExit.CodeOf(run));
        Assert.Equal("Exit code 1: the required area locking was not applicable: every check was skipped (probed: capabilities, unstable flags, Synapse admin API).", RunExit.Explain(1, run));
        Assert.Equal(0, RunExit.CodeOf(Run(NoLocking)));
        Assert.Equal(0, RunExit.CodeOf(Run(NoLocking, null, "oauth-metadata")));
    }

    [Fact]
    public void A_required_area_with_one_judged_check_is_applicable()
    {
        var run = Run([.. NoLocking, Result("LK-003", "locking", CheckLevels.Should, Verdict.Warn)], null, "locking");
        Assert.Equal(0, RunExit.CodeOf(run));
    }

    [Fact]
    public void A_badge_with_nothing_applicable_says_n_a_in_grey()
    {
        var badge = Badge.Of(Run([Result("LK-001", "locking", CheckLevels.Must, Verdict.Skip), Result("LK-003", "locking", CheckLevels.Should, Verdict.Skip)]));
        Assert.Equal("MUST n/a · SHOULD n/a · 2 skipped", badge.Message);
        Assert.Equal("9f9f9f", badge.Color);
        var partly = Badge.Of(Run([Result("LK-001", "locking", CheckLevels.Must, Verdict.Pass), Result("LK-003", "locking", CheckLevels.Should, Verdict.Skip)]));
        Assert.Equal("MUST 1/1 · SHOULD n/a · 1 skipped", partly.Message);
        Assert.Equal("4c1", partly.Color);
    }

    [Theory]
    [InlineData(Verdict.Pass)]
    [InlineData(Verdict.Fail)]
    [InlineData(Verdict.Skip)]
    [InlineData(Verdict.Inconclusive)]
    public void A_verdict_resting_on_an_answer_that_never_came_becomes_an_error(Verdict verdict)
    {
        var lost = new HttpExchange { Method = "GET", Url = "http://127.0.0.1:9/_matrix/client/v3/capabilities", Error = "timed out after 10 s", StartedAt = T0 };
        var outcome = new Outcome("s", new Judgement(verdict, "judged")) { Exchanges = [lost] };
        var netted = CheckRunner.Unanswered(outcome);
        Assert.Equal(Verdict.Error, netted.Verdict);
        Assert.StartsWith("No response to GET /_matrix/client/v3/capabilities: timed out after 10 s.", netted.Reason);
        var answered = outcome with { Exchanges = [lost with { Error = null, Status = 200 }] };
        Assert.Same(answered, CheckRunner.Unanswered(answered));
    }
}
