using Conformance.Harness.Checks;
using Conformance.Harness.Secrets;
using Conformance.Harness.Targets;

namespace Conformance.Harness.Results;

/// <summary>Attaches to each failed or errored result the server's log lines from the time its requests
/// were made (with a small margin for clock granularity), redacted.</summary>
public static class ServerLogAttacher
{
    public const int MaxLines = 100;
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(250);

    public static IReadOnlyList<CheckResult> Attach(IReadOnlyList<CheckResult> results, IReadOnlyList<ServerLogLine> log, Redactor redactor) =>
        results.Select(r =>
        {
            if (r.Verdict is not (Verdict.Fail or Verdict.Error) || r.Exchanges.Count == 0) return r;
            var from = r.Exchanges.Min(e => e.StartedAt) - Margin;
            var to = r.Exchanges.Max(e => e.StartedAt + TimeSpan.FromMilliseconds(e.DurationMs)) + Margin;
            var lines = log.Where(l => l.Time >= from && l.Time <= to).Take(MaxLines)
                .Select(l => redactor.Scrub($"{l.Time:HH:mm:ss.fff} {l.Text}")).ToList();
            return lines.Count == 0 ? r : r with { ServerLog = lines };
        }).ToList();
}
