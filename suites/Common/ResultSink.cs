using System.Collections.Concurrent;
using Conformance.Harness.Checks;
using Conformance.Harness.Results;

namespace Conformance.Suites.Common;

/// <summary>Collects every verdict of the suite process, in any order and from any thread, and writes
/// each to the suite's part file the moment it is reported.</summary>
public sealed class ResultSink(SuitePartWriter writer)
{
    private readonly ConcurrentDictionary<string, string> _features = new(StringComparer.Ordinal);
    private int _count;

    public void Add(CheckResult result)
    {
        Interlocked.Increment(ref _count);
        writer.Result(result);
    }

    /// <summary>Records something detected about the target, for the run's "features" section.</summary>
    public void Feature(string name, string value)
    {
        if (_features.TryGetValue(name, out var known) && known == value) return;
        _features[name] = value;
        writer.Feature(name, value);
    }

    /// <summary>How many results were reported.</summary>
    public int Count => _count;
}
