using System.Collections.Concurrent;
using Conformance.Harness.Checks;

namespace Conformance.Suites.Common;

/// <summary>Collects every verdict of the suite process, in any order and from any thread.</summary>
public sealed class ResultSink
{
    private readonly ConcurrentQueue<CheckResult> _results = new();
    private readonly ConcurrentDictionary<string, string> _features = new(StringComparer.Ordinal);

    public void Add(CheckResult result) => _results.Enqueue(result);

    /// <summary>Records something detected about the target, for the run's "features" section.</summary>
    public void Feature(string name, string value) => _features[name] = value;

    public IReadOnlyList<CheckResult> Results =>
        _results.OrderBy(r => r.Id, StringComparer.Ordinal).ThenBy(r => r.Case, StringComparer.Ordinal).ToList();

    public IReadOnlyDictionary<string, string> Features =>
        _features.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToDictionary(kv => kv.Key, kv => kv.Value);
}
