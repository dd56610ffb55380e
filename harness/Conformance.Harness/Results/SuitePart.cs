using System.Text.Json;
using Conformance.Harness.Checks;
using Conformance.Harness.Targets;

namespace Conformance.Harness.Results;

/// <summary>
/// What one suite process reports back to the runner: its results, what it detected about the target
/// (which lock adapter, whether OAuth is offered, ...), and whether it saw the target go silent. On disk
/// it is a stream of JSON lines (<see cref="SuitePartWriter"/>), one per event as it happens, so a suite
/// that is killed or times out loses nothing it had judged.
/// </summary>
public sealed record SuitePart
{
    public required string Suite { get; init; }
    public TargetIdentity? Identity { get; init; }
    public IReadOnlyDictionary<string, string> Features { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<CheckResult> Results { get; init; } = [];
    /// <summary>Set when the suite declared the target unresponsive: why.</summary>
    public string? Unresponsive { get; init; }
    /// <summary>True when the suite got to its end (it was not killed, did not crash).</summary>
    public bool Finished { get; init; }

    /// <summary>The part a suite wrote, however far it got. A last line cut short by a kill is ignored.</summary>
    public static SuitePart Load(string file, string suite)
    {
        TargetIdentity? identity = null;
        var features = new Dictionary<string, string>(StringComparer.Ordinal);
        var results = new List<CheckResult>();
        string? unresponsive = null;
        var finished = false;
        foreach (var text in File.ReadLines(file).Where(l => l.Length > 0))
        {
            SuitePartLine? line;
            try { line = JsonSerializer.Deserialize<SuitePartLine>(text, SuitePartLine.Json); }
            catch (JsonException) { continue; }
            if (line is null) continue;
            identity = line.Identity ?? identity;
            if (line.Result is { } r) results.Add(r);
            if (line.Feature is { } f) features[f.Name] = f.Value;
            unresponsive ??= line.Unresponsive;
            finished |= line.Finished == true;
        }
        return new SuitePart
        {
            Suite = suite,
            Identity = identity,
            Features = features.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value),
            Results = results.OrderBy(r => r.Id, StringComparer.Ordinal).ThenBy(r => r.Case, StringComparer.Ordinal).ToList(),
            Unresponsive = unresponsive,
            Finished = finished,
        };
    }
}

/// <summary>One line of a suite's part file: exactly one event.</summary>
public sealed record SuitePartLine
{
    public TargetIdentity? Identity { get; init; }
    public CheckResult? Result { get; init; }
    public SuiteFeature? Feature { get; init; }
    public string? Unresponsive { get; init; }
    public bool? Finished { get; init; }

    public static readonly JsonSerializerOptions Json = new(RunResults.Json) { WriteIndented = false };
}

public sealed record SuiteFeature(string Name, string Value);
