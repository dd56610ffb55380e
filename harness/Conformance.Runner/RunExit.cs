using Conformance.Harness.Results;

namespace Conformance.Runner;

/// <summary>How a finished run ends: its exit code, and the line that says why.</summary>
public static class RunExit
{
    /// <summary>4 when the target was declared unresponsive (the results hold what was seen before).
    /// Without a baseline: 1 for a MUST failure or a required area that was entirely skipped, 5 for
    /// errors. With one: 1 for any deviation from it (a new non-pass, a changed verdict, or an expected
    /// failure that now passes), or a required area entirely skipped.</summary>
    public static int CodeOf(RunResults run) =>
        run.Run.Unresponsive is not null ? ExitCodes.TargetUnavailable
        : run.Baseline is { Deviations: > 0 } ? ExitCodes.MustFailed
        : RequiredAreas.NotApplicable(run).Count > 0 ? ExitCodes.MustFailed
        : run.Baseline is not null ? ExitCodes.Conformant
        : run.Summary.MustFailures > 0 ? ExitCodes.MustFailed
        : run.Summary.Errors > 0 ? ExitCodes.HarnessError
        : ExitCodes.Conformant;

    public static string Explain(int code, RunResults run)
    {
        var notApplicable = RequiredAreas.NotApplicable(run);
        var required = string.Join("; ", notApplicable.Select(n => $"the required area {n.Area} was not applicable: every check was skipped ({n.Detection})"));
        return code switch
        {
            ExitCodes.TargetUnavailable => $"Exit code 4: {run.Run.Unresponsive}. No request was sent after that; checks not judged by then are errors, and what was observed before is in the results"
                + (run.Summary.MustFailures > 0 ? $" ({run.Summary.MustFailures} MUST failure(s) among it)." : "."),
            ExitCodes.MustFailed when run.Baseline is { Deviations: > 0 } b => $"Exit code 1: {b.Deviations} result(s) differ from the baseline {b.File}." + (required.Length > 0 ? $" Also, {required}." : ""),
            ExitCodes.MustFailed when notApplicable.Count > 0 => $"Exit code 1: {required}."
                + (run.Summary.MustFailures > 0 && run.Baseline is null ? $" Also, {run.Summary.MustFailures} MUST failure(s)." : ""),
            ExitCodes.MustFailed => $"Exit code 1: {run.Summary.MustFailures} MUST failure(s).",
            ExitCodes.HarnessError => $"Exit code 5: no MUST failed, but {run.Summary.Errors} check(s) could not be judged (errors).",
            _ when run.Baseline is { } b => $"Exit code 0: every result is as the baseline {b.File} expects.",
            _ => "Exit code 0: no MUST failed.",
        };
    }
}
