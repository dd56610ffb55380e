using System.Text.Json;
using Conformance.Harness.Profiles;

namespace Conformance.Harness.Targets;

/// <summary>
/// What the runner hands each suite process: the target's URL, the resolved profile and where to write
/// results. It travels in an environment variable, never in a file, because the profile holds secrets.
/// </summary>
public sealed record RunConfig
{
    public const string EnvironmentVariable = "CONFORMANCE_RUN_CONFIG";

    public required string RunId { get; init; }
    public required string TargetName { get; init; }
    public required string TargetKind { get; init; }
    public required string TargetUrl { get; init; }
    public required TargetProfile Profile { get; init; }
    public string? ProfilePath { get; init; }
    /// <summary>Where the suite writes its results (a part of results.json).</summary>
    public required string PartFile { get; init; }
    /// <summary>The run's output folder; evidence such as screenshots goes under it.</summary>
    public required string OutDir { get; init; }
    public int? ParentProcessId { get; init; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static RunConfig? FromEnvironment()
    {
        var text = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrEmpty(text) ? null : JsonSerializer.Deserialize<RunConfig>(text, Json);
    }
}
