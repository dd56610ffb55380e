using System.Text.Json;
using System.Text.Json.Serialization;
using Conformance.Harness.Checks;

namespace Conformance.Harness.Results;

/// <summary>The canonical output of a run (results.json); every report is made from it. Its schema is
/// fixtures/schemas/results.schema.json.</summary>
public sealed record RunResults
{
    public int SchemaVersion { get; init; } = 1;
    public required SuiteInfo Suite { get; init; }
    public required RunInfo Run { get; init; }
    public required TargetInfo Target { get; init; }
    public required SpecInfo Spec { get; init; }
    public IReadOnlyDictionary<string, string> Features { get; init; } = new Dictionary<string, string>();
    public required ResultSummary Summary { get; init; }
    /// <summary>Set when the run was compared with a baseline.</summary>
    public BaselineSummary? Baseline { get; init; }
    public required IReadOnlyList<CheckResult> Results { get; init; }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    public static RunResults Load(string file) =>
        JsonSerializer.Deserialize<RunResults>(File.ReadAllText(file), Json) ?? throw new InvalidDataException($"{file} is empty.");
}

public sealed record SuiteInfo(string Name, string Version);

public sealed record RunInfo
{
    public required string Id { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
    public double DurationMs => (FinishedAt - StartedAt).TotalMilliseconds;
    public string? Profile { get; init; }
    public bool Strict { get; init; } = true;
    public IReadOnlyList<string> Defects { get; init; } = [];
    public string? Filter { get; init; }
    /// <summary>Why the target was declared unresponsive (the run stopped sending requests), when it was.</summary>
    public string? Unresponsive { get; init; }
    /// <summary>The areas the server must offer (<c>--require</c>, the profile's <c>require:</c>).</summary>
    public IReadOnlyList<string> Require { get; init; } = [];
}

public sealed record TargetInfo
{
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public required string BaseUrl { get; init; }
    public IReadOnlyList<string> SpecVersions { get; init; } = [];
    public IReadOnlyList<string> UnstableFeatures { get; init; } = [];
    public string? ServerHeader { get; init; }
    public string? ServerVersion { get; init; }
    /// <summary>For container targets: the image, how it was obtained, and how long start-up took.</summary>
    public string? Image { get; init; }
    public string? Container { get; init; }
    public double? ReadyMs { get; init; }
}

public sealed record SpecInfo(string Version, string Catalogue);

public sealed record ResultSummary
{
    public int Total { get; init; }
    public IReadOnlyDictionary<string, int> ByVerdict { get; init; } = new Dictionary<string, int>();
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> ByArea { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, int>>();
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> ByLevel { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, int>>();
    public int MustFailures { get; init; }
    public int Errors { get; init; }

    public static ResultSummary Of(IReadOnlyList<CheckResult> results)
    {
        static IReadOnlyDictionary<string, int> Count(IEnumerable<CheckResult> rs) =>
            rs.GroupBy(r => r.Verdict.Name()).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
        return new ResultSummary
        {
            Total = results.Count,
            ByVerdict = Count(results),
            ByArea = results.GroupBy(r => r.Area).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => Count(g)),
            ByLevel = results.GroupBy(r => r.Level).OrderBy(g => Array.IndexOf(CheckLevels.All, g.Key)).ToDictionary(g => g.Key, g => Count(g)),
            MustFailures = results.Count(r => r.Verdict == Verdict.Fail && r.Level == CheckLevels.Must),
            Errors = results.Count(r => r.Verdict == Verdict.Error),
        };
    }
}
