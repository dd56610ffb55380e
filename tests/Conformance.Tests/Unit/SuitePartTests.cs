using Conformance.Harness.Checks;
using Conformance.Harness.Results;
using Conformance.Harness.Targets;
using Xunit;

namespace Conformance.Tests.Unit;

/// <summary>A suite's part is written as it goes, one scrubbed JSON line per event, and read back however
/// far the suite got: a line cut short by a kill is dropped, everything before it is kept.</summary>
public sealed class SuitePartTests
{
    private static CheckResult Result(string id, Verdict verdict, string reason = "r") =>
        new() { Id = id, Subject = id, Verdict = verdict, Reason = reason };

    [Fact]
    public void Everything_written_before_a_kill_is_read_back()
    {
        var file = Path.Combine(Path.GetTempPath(), "conformance-tests", Guid.NewGuid().ToString("N") + ".jsonl");
        using (var writer = new SuitePartWriter(file, s => s.Replace("hunter2-token", "[redacted]", StringComparison.Ordinal)))
        {
            writer.Identity(new TargetIdentity { SpecVersions = ["v1.19"] });
            writer.Result(Result("LK-002", Verdict.Pass, "echoed hunter2-token"));
            writer.Feature("lock-adapter", "msc4323");
            writer.Result(Result("LK-001", Verdict.Fail));
            writer.Unresponsive("the target stopped answering: …");
        }
        File.AppendAllText(file, """{"result":{"id":"LK-003","subj""");   // the kill came mid-line

        var part = SuitePart.Load(file, "locking");
        Assert.DoesNotContain("hunter2-token", File.ReadAllText(file));
        Assert.Equal(["LK-001", "LK-002"], part.Results.Select(r => r.Id));
        Assert.Equal("echoed [redacted]", part.Results[1].Reason);
        Assert.Equal("msc4323", part.Features["lock-adapter"]);
        Assert.Equal(["v1.19"], part.Identity!.SpecVersions);
        Assert.Equal("the target stopped answering: …", part.Unresponsive);
        Assert.False(part.Finished);
    }

    [Fact]
    public void A_suite_that_got_to_its_end_says_so()
    {
        var file = Path.Combine(Path.GetTempPath(), "conformance-tests", Guid.NewGuid().ToString("N") + ".jsonl");
        using (var writer = new SuitePartWriter(file, s => s))
        {
            writer.Result(Result("LK-001", Verdict.Pass));
            writer.Finished();
        }
        var part = SuitePart.Load(file, "locking");
        Assert.True(part.Finished);
        Assert.Null(part.Unresponsive);
    }
}
