using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Harness.Profiles;
using Conformance.Harness.Results;
using Conformance.Harness.Secrets;
using Conformance.Harness.Targets;
using Xunit;

namespace Conformance.Tests.Unit;

/// <summary>results.json's graph from hand-made suite parts: every selected check accounted for, the
/// server's log on failures, the target's facts, the features and the baseline comparison.</summary>
public sealed class RunResultsBuilderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);

    private static CheckDefinition Check(string id) => new() { Id = id, Area = "locking", Family = "f", Title = "title of " + id, Level = CheckLevels.Must };

    private static CheckResult Result(string id, string @case, Verdict verdict) => new CheckResult
    {
        Id = id, Case = @case, Subject = @case, Verdict = verdict, Reason = "r",
        Exchanges = [new HttpExchange { Method = "GET", Url = "u", StartedAt = T0, DurationMs = 100 }],
    }.WithDefinition(Check(id));

    /// <summary>A container target that only has facts: no Docker needed.</summary>
    private sealed class FakeContainerTarget : ITarget
    {
        public TargetKind Kind => TargetKind.Container;
        public string BaseUrl => "http://127.0.0.1:32770";
        public string Description => "a container";
        public ContainerFacts? Container => new("upbeat_nightingale", "conformance/synapse:1.160-sid (present)", TimeSpan.FromMilliseconds(14907.6));
        public string? SharedSecret => null;
        public Task<IReadOnlyList<ServerLogLine>> LogsSinceAsync(DateTimeOffset since, CancellationToken ct) => Task.FromResult<IReadOnlyList<ServerLogLine>>([]);
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private static RunResultsBuilder Builder(TargetProfile? profile = null, ITarget? target = null, IReadOnlyList<ServerLogLine>? log = null) => new()
    {
        SuiteVersion = "9.9.9",
        RunId = "abc123",
        StartedAt = T0,
        Profile = profile ?? new TargetProfile { Name = "synapse", Strict = false, Target = new TargetSection { Kind = TargetKind.Container } },
        ProfileFile = "fixtures/profiles/synapse.yaml",
        Filter = "locking",
        Target = target ?? new FakeContainerTarget(),
        Identity = new TargetIdentity { SpecVersions = ["v1.12"], ServerHeader = "Synapse/1.160.0", ServerVersion = "1.160.0" },
        Selected = [Check("LK-001"), Check("LK-002"), Check("LK-003")],
        Parts =
        [
            new SuitePart { Suite = "locking", Features = new Dictionary<string, string> { ["lock-adapter"] = "synapse-admin" },
                Results = [Result("LK-002", "b", Verdict.Pass), Result("LK-001", "a", Verdict.Fail)] },
        ],
        Missing = new Dictionary<string, string> { ["LK-003"] = "the locking process timed out" },
        ServerLog = log ?? [],
        Redactor = new Redactor(new SecretRegistry()),
    };

    [Fact]
    public void Results_are_merged_in_order_and_a_check_without_one_is_an_error_saying_why()
    {
        var results = Builder().Results;
        Assert.Equal(["LK-001 a fail", "LK-002 b pass", "LK-003  error"], results.Select(r => $"{r.Id} {r.Case} {r.Verdict.Name()}"));
        Assert.Contains("the locking process timed out", results[2].Reason);
    }

    [Fact]
    public void The_servers_log_is_attached_to_failures_only()
    {
        var results = Builder(log: [new ServerLogLine(T0.AddMilliseconds(50), "stderr", "locked")]).Results;
        Assert.EndsWith("locked", Assert.Single(results[0].ServerLog!));
        Assert.Null(results[1].ServerLog);
    }

    [Fact]
    public void Run_target_and_summary_come_from_what_the_run_gathered()
    {
        var run = Builder().Build(baseline: null);

        Assert.Equal(new SuiteInfo("matrix-account-conformance", "9.9.9"), run.Suite);
        Assert.Equal(("abc123", T0, "fixtures/profiles/synapse.yaml", false, "locking"), (run.Run.Id, run.Run.StartedAt, run.Run.Profile, run.Run.Strict, run.Run.Filter));
        Assert.True(run.Run.FinishedAt >= run.Run.StartedAt);
        Assert.Equal(("synapse", "container", "http://127.0.0.1:32770"), (run.Target.Name, run.Target.Kind, run.Target.BaseUrl));
        Assert.Equal(("Synapse/1.160.0", "1.160.0"), (run.Target.ServerHeader, run.Target.ServerVersion));
        Assert.Equal(("conformance/synapse:1.160-sid (present)", "upbeat_nightingale", 14908.0), (run.Target.Image, run.Target.Container, run.Target.ReadyMs));
        Assert.Equal("synapse-admin", run.Features["lock-adapter"]);
        Assert.Equal((3, 1, 1), (run.Summary.Total, run.Summary.MustFailures, run.Summary.Errors));
        Assert.Null(run.Baseline);
    }

    [Fact]
    public void A_target_without_a_container_records_none()
    {
        var run = Builder(target: new Conformance.Targets.UrlTarget("http://127.0.0.1:9/")).Build(baseline: null);
        Assert.Equal(("url", "http://127.0.0.1:9"), (run.Target.Kind, run.Target.BaseUrl));
        Assert.Null(run.Target.Image);
        Assert.Null(run.Target.Container);
        Assert.Null(run.Target.ReadyMs);
    }

    [Fact]
    public void With_a_baseline_every_result_is_compared_and_the_summary_names_the_file()
    {
        var profile = new TargetProfile { Name = "synapse", Baseline = "fixtures/baselines/synapse.yaml", Target = new TargetSection { Kind = TargetKind.Container } };
        var baseline = new Baseline { Target = "synapse", Entries = [new Baseline.Entry { Check = "LK-001", Case = "a", Verdict = "fail", Reason = "known" }] };

        var run = Builder(profile).Build(baseline);

        Assert.Equal([BaselineStatus.Expected, BaselineStatus.AsBefore, BaselineStatus.Unexpected], run.Results.Select(r => r.Baseline!.Status));
        Assert.Equal(("fixtures/baselines/synapse.yaml", 1, 1), (run.Baseline!.File, run.Baseline.Expected, run.Baseline.Deviations));
    }
}
