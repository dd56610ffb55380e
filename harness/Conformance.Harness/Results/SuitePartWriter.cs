using System.Text.Json;
using Conformance.Harness.Checks;
using Conformance.Harness.Targets;

namespace Conformance.Harness.Results;

/// <summary>
/// Writes a suite's part file as it goes: one JSON line per event, flushed at once and scrubbed of every
/// secret the suite knows at that moment (a token is registered before any answer that carries it is
/// recorded). Safe to call from any thread.
/// </summary>
public sealed class SuitePartWriter : IDisposable
{
    private readonly StreamWriter _out;
    private readonly Func<string, string> _scrub;
    private readonly object _gate = new();

    public SuitePartWriter(string file, Func<string, string> scrub)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        _out = new StreamWriter(new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
        _scrub = scrub;
    }

    public void Identity(TargetIdentity identity) => Write(new SuitePartLine { Identity = identity });
    public void Result(CheckResult result) => Write(new SuitePartLine { Result = result });
    public void Feature(string name, string value) => Write(new SuitePartLine { Feature = new SuiteFeature(name, value) });
    public void Unresponsive(string reason) => Write(new SuitePartLine { Unresponsive = reason });
    public void Finished() => Write(new SuitePartLine { Finished = true });

    private void Write(SuitePartLine line)
    {
        var text = _scrub(JsonSerializer.Serialize(line, SuitePartLine.Json));
        lock (_gate) _out.WriteLine(text);
    }

    public void Dispose()
    {
        lock (_gate) _out.Dispose();
    }
}
