using Conformance.Harness.Checks;
using Conformance.Harness.Profiles;
using Conformance.Harness.Secrets;
using Conformance.Harness.Targets;

namespace Conformance.Harness.Results;

/// <summary>
/// Builds results.json's graph from what a run gathered. <see cref="Results"/> is the suites' parts merged
/// (every selected check accounted for) with the server's log attached to failures; <see cref="Build"/>
/// compares them with the baseline, if any, and adds the run's and the target's facts and the summary.
/// </summary>
public sealed class RunResultsBuilder
{
    public required string SuiteVersion { get; init; }
    public required string RunId { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required TargetProfile Profile { get; init; }
    /// <summary>The profile file, relative to the checkout.</summary>
    public required string ProfileFile { get; init; }
    /// <summary>The baseline file as reports name it (relative to the checkout when inside it).</summary>
    public string? BaselineFile { get; init; }
    /// <summary>The <c>--only</c> filter; null for a full run.</summary>
    public string? Filter { get; init; }
    public required ITarget Target { get; init; }
    public required TargetIdentity Identity { get; init; }
    public required IReadOnlyList<CheckDefinition> Selected { get; init; }
    public required IReadOnlyList<SuitePart> Parts { get; init; }
    /// <summary>Check ID → why its suite gave no result for it.</summary>
    public IReadOnlyDictionary<string, string> Missing { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<ServerLogLine> ServerLog { get; init; } = [];
    public required Redactor Redactor { get; init; }

    private IReadOnlyList<CheckResult>? _results;

    public IReadOnlyList<CheckResult> Results =>
        _results ??= ServerLogAttacher.Attach(RunAssembler.Merge(Parts, Selected, Missing), ServerLog, Redactor);

    /// <param name="baseline">The profile's baseline (<see cref="TargetProfile.Baseline"/>), or null when it names none.</param>
    public RunResults Build(Baseline? baseline)
    {
        var (results, comparison) = baseline is null ? (Results, null) : baseline.Compare(Results, BaselineFile ?? Profile.Baseline!);
        return new RunResults
        {
            Suite = new SuiteInfo("matrix-account-conformance", SuiteVersion),
            Run = new RunInfo
            {
                Id = RunId,
                StartedAt = StartedAt,
                FinishedAt = DateTimeOffset.UtcNow,
                Profile = ProfileFile,
                Strict = Profile.Strict,
                Defects = Profile.Target.Defects,
                Filter = Filter,
            },
            Target = TargetInfo(),
            Spec = new SpecInfo("v1.19", "fixtures/catalogue/endpoints.json"),
            Features = Parts.SelectMany(p => p.Features).GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First().Value),
            Summary = ResultSummary.Of(results),
            Baseline = comparison,
            Results = results,
        };
    }

    private TargetInfo TargetInfo() => new()
    {
        Name = Profile.Name,
        Kind = Target.Kind.Name(),
        BaseUrl = Target.BaseUrl,
        SpecVersions = Identity.SpecVersions,
        UnstableFeatures = Identity.UnstableFeatures,
        ServerHeader = Identity.ServerHeader,
        ServerVersion = Identity.ServerVersion,
        Image = Target.Container?.Image,
        Container = Target.Container?.Name,
        ReadyMs = Target.Container is { } c ? Math.Round(c.ReadyAfter.TotalMilliseconds) : null,
    };
}
