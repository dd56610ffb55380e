using Conformance.Harness.Results;

namespace Conformance.Runner;

/// <summary>How a finished run ends: its exit code, and the line that says why.</summary>
public static class RunExit
{
    /// <summary>Without a baseline: 1 for a MUST failure, 5 for errors. With one: 1 for any deviation from it
    /// (a new non-pass, a changed verdict, or an expected failure that now passes).</summary>
    public static int CodeOf(RunResults run) =>
        run.Baseline is { } b ? b.Deviations > 0 ? ExitCodes.MustFailed : ExitCodes.Conformant
        : run.Summary.MustFailures > 0 ? ExitCodes.MustFailed
        : run.Summary.Errors > 0 ? ExitCodes.HarnessError
        : ExitCodes.Conformant;

    public static string Explain(int code, RunResults run) => code switch
    {
        ExitCodes.MustFailed when run.Baseline is { } b => $"Exit code 1: {b.Deviations} result(s) differ from the baseline {b.File}.",
        ExitCodes.MustFailed => $"Exit code 1: {run.Summary.MustFailures} MUST failure(s).",
        ExitCodes.HarnessError => $"Exit code 5: no MUST failed, but {run.Summary.Errors} check(s) could not be judged (errors).",
        _ when run.Baseline is { } b => $"Exit code 0: every result is as the baseline {b.File} expects.",
        _ => "Exit code 0: no MUST failed.",
    };
}
