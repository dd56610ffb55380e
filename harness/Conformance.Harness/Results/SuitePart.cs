using System.Text.Json;
using Conformance.Harness.Checks;
using Conformance.Harness.Targets;

namespace Conformance.Harness.Results;

/// <summary>What one suite process reports back to the runner: its results and what it detected about
/// the target (which lock adapter, whether OAuth is offered, ...).</summary>
public sealed record SuitePart
{
    public required string Suite { get; init; }
    public TargetIdentity? Identity { get; init; }
    public IReadOnlyDictionary<string, string> Features { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<CheckResult> Results { get; init; } = [];

    public string ToJson() => JsonSerializer.Serialize(this, RunResults.Json);

    public static SuitePart Load(string file) =>
        JsonSerializer.Deserialize<SuitePart>(File.ReadAllText(file), RunResults.Json) ?? throw new InvalidDataException($"{file} is empty.");
}
