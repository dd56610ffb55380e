using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Harness.Results;
using Conformance.Harness.Secrets;
using Conformance.Harness.Targets;
using Conformance.Tests.Support;
using Xunit;

namespace Conformance.Tests.Unit;

public sealed class BaselineTests
{
    private static CheckResult R(string id, string @case, Verdict v) =>
        new() { Id = id, Case = @case, Subject = @case, Verdict = v, Reason = "r" };

    private static Baseline B(params (string Check, string? Case, string Verdict)[] entries) => new()
    {
        Target = "t",
        Entries = entries.Select(e => new Baseline.Entry { Check = e.Check, Case = e.Case, Verdict = e.Verdict, Reason = "why" }).ToList(),
    };

    [Fact]
    public void Expected_failures_pass_and_deviations_are_named()
    {
        var baseline = B(("LK-006", "getVersions", "fail"), ("LK-010", "refresh", "fail"), ("LK-011", null, "skip"), ("LK-002", "sync", "fail"));
        var (results, summary) = baseline.Compare(
        [
            R("LK-006", "getVersions", Verdict.Fail),   // expected
            R("LK-010", "refresh", Verdict.Pass),       // fixed: the ratchet fails the run
            R("LK-011", "sync", Verdict.Skip),          // expected through the check-wide entry
            R("LK-002", "sync", Verdict.Warn),          // changed
            R("LK-001", "sync", Verdict.Fail),          // unexpected
            R("LK-005", "sync", Verdict.Info),          // info needs no entry
            R("LK-001", "whoami", Verdict.Pass),
        ], "b.yaml");
        Assert.Equal([BaselineStatus.Expected, BaselineStatus.Fixed, BaselineStatus.Expected, BaselineStatus.Changed, BaselineStatus.Unexpected, BaselineStatus.AsBefore, BaselineStatus.AsBefore],
            results.Select(r => r.Baseline!.Status));
        Assert.Equal((2, 1, 1, 1, 3), (summary.Expected, summary.Unexpected, summary.Fixed, summary.Changed, summary.Deviations));
    }

    [Fact]
    public void Updating_keeps_written_reasons_and_marks_new_entries()
    {
        var previous = B(("LK-006", "getVersions", "fail"), ("LK-010", "refresh", "fail"));
        var updated = Baseline.FromRun("t", [R("LK-006", "getVersions", Verdict.Fail), R("LK-010", "refresh", Verdict.Warn), R("LK-001", "x", Verdict.Pass)], previous);
        Assert.Equal(2, updated.Entries.Count);
        Assert.Equal("why", updated.Entries[0].Reason);
        Assert.StartsWith("TODO", updated.Entries[1].Reason);
    }

    [Fact]
    public void A_written_baseline_reads_back_the_same()
    {
        var baseline = B(("LK-006", "getVersions", "fail"), ("ADM-001", null, "skip"));
        baseline.Entries[0].Reason = "Synapse says \"no\": {braces} and #hash";
        var file = TempProfile.Write(baseline.ToYaml("# header\n"));
        var back = Baseline.Load(file);
        Assert.Equal(baseline.Entries.Select(e => (e.Check, e.Case ?? "*", e.Verdict, e.Reason)), back.Entries.Select(e => (e.Check, e.Case ?? "*", e.Verdict, e.Reason)));
        Assert.StartsWith("# header", File.ReadAllText(file));
    }

    [Fact]
    public void The_committed_synapse_baseline_explains_every_entry()
    {
        var baseline = Baseline.Load(Repo.File("fixtures/baselines/synapse.yaml"));
        Assert.NotEmpty(baseline.Entries);
        Assert.All(baseline.Entries, e => Assert.DoesNotContain("TODO", e.Reason));
    }

    [Fact]
    public void Server_log_lines_in_a_failed_checks_time_window_are_attached_redacted()
    {
        var t0 = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
        var exchange = new HttpExchange { Method = "GET", Url = "u", StartedAt = t0, DurationMs = 100 };
        CheckResult[] results =
        [
            R("LK-001", "a", Verdict.Fail) with { Exchanges = [exchange] },
            R("LK-001", "b", Verdict.Pass) with { Exchanges = [exchange] },
        ];
        var registry = new SecretRegistry();
        registry.Add("syt_secret_token");
        ServerLogLine[] log =
        [
            new(t0.AddSeconds(-5), "stderr", "long before"),
            new(t0.AddMilliseconds(50), "stderr", "during: token syt_secret_token"),
            new(t0.AddSeconds(5), "stderr", "long after"),
        ];
        var attached = ServerLogAttacher.Attach(results, log, new Redactor(registry));
        var lines = Assert.Single(attached[0].ServerLog!);
        Assert.EndsWith("during: token [redacted]", lines);
        Assert.Null(attached[1].ServerLog);
    }
}
