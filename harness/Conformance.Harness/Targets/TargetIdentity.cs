namespace Conformance.Harness.Targets;

/// <summary>What the target says about itself before any check runs.</summary>
public sealed record TargetIdentity
{
    public IReadOnlyList<string> SpecVersions { get; init; } = [];
    public IReadOnlyList<string> UnstableFeatures { get; init; } = [];
    public string? ServerHeader { get; init; }
    public string? ServerVersion { get; init; }
}
