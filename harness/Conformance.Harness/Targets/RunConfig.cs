using System.Text.Json;
using Conformance.Harness.Profiles;

namespace Conformance.Harness.Targets;

/// <summary>
/// What the runner hands each suite process: the target, the profile as loaded, the credentials in effect,
/// what the target said about itself, and where to write results. It travels in an environment variable,
/// never in a file, because it holds secrets.
/// </summary>
public sealed record RunConfig
{
    public const string EnvironmentVariable = "CONFORMANCE_RUN_CONFIG";

    public required string RunId { get; init; }
    public required string TargetName { get; init; }
    public required TargetKind TargetKind { get; init; }
    public required string TargetUrl { get; init; }
    public required TargetProfile Profile { get; init; }
    public string? ProfilePath { get; init; }
    public RunCredentials Credentials { get; init; } = new(SharedSecret: null);
    /// <summary>Container-internal origins the server may advertise, and their published origins.</summary>
    public OriginAliases Aliases { get; init; } = OriginAliases.None;
    /// <summary>What the runner's probe found; null when a suite runs on its own and must probe itself.</summary>
    public TargetIdentity? Identity { get; init; }
    /// <summary>Where the suite writes its results (a part of results.json).</summary>
    public required string PartFile { get; init; }
    /// <summary>The run's output folder; evidence such as screenshots goes under it.</summary>
    public required string OutDir { get; init; }
    public int? ParentProcessId { get; init; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static RunConfig FromJson(string json) =>
        JsonSerializer.Deserialize<RunConfig>(json, Json) ?? throw new InvalidDataException($"{EnvironmentVariable} holds no run configuration.");

    /// <summary>The runner's configuration, or null when the suite runs on its own.</summary>
    public static RunConfig? FromEnvironment() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } json ? FromJson(json) : null;
}
