using Conformance.Harness.Matrix;

namespace Conformance.Harness.Checks;

/// <summary>One verdict for one case of one check, with the evidence it rests on.</summary>
public sealed record CheckResult
{
    public required string Id { get; init; }
    /// <summary>Which case of the check (an operationId, a probe, or a named case); null for single-case checks.</summary>
    public string? Case { get; init; }
    /// <summary>What was tested, as a reader would name it: <c>GET /_matrix/client/v3/sync</c>.</summary>
    public required string Subject { get; init; }
    public required Verdict Verdict { get; init; }
    public required string Reason { get; init; }
    /// <summary>For INFO and MAY checks: the recorded behaviour, as a short stable phrase.</summary>
    public string? Finding { get; init; }
    /// <summary>For skips: how the missing feature was detected (a probe and its answer).</summary>
    public string? Detection { get; init; }
    public ObservedResponse? Observed { get; init; }
    public IReadOnlyList<HttpExchange> Exchanges { get; init; } = [];
    /// <summary>Files kept as evidence (screenshots), relative to the run's output folder.</summary>
    public IReadOnlyList<Attachment> Attachments { get; init; } = [];
    /// <summary>For failed and errored results against a container: the server's log lines from the
    /// time of the check's requests.</summary>
    public IReadOnlyList<string>? ServerLog { get; init; }
    /// <summary>How the target's baseline sees this result, when the run has a baseline.</summary>
    public Results.BaselineView? Baseline { get; init; }

    // Copied from the check catalogue, so every result stands on its own in a report.
    public string Title { get; init; } = "";
    public string Area { get; init; } = "";
    public string Family { get; init; } = "";
    public string Level { get; init; } = "";
    public string? LevelDetail { get; init; }
    public string Since { get; init; } = "";
    public string SpecUrl { get; init; } = "";
    public string Requirement { get; init; } = "";

    public DateTimeOffset StartedAt { get; init; }
    public double DurationMs { get; init; }

    public CheckResult WithDefinition(CheckDefinition d) => this with
    {
        Title = d.Title, Area = d.Area, Family = d.Family, Level = d.Level, LevelDetail = d.LevelDetail,
        Since = d.Since, SpecUrl = d.SpecUrl, Requirement = d.Requirement,
    };
}

/// <summary>A file kept as evidence of a result, relative to the run's output folder.</summary>
public sealed record Attachment(string Name, string Path, string ContentType);
