namespace Conformance.Runner;

/// <summary>The runner's exit codes (README, "Exit codes").</summary>
public static class ExitCodes
{
    /// <summary>No MUST failed and every check could be judged.</summary>
    public const int Conformant = 0;
    /// <summary>At least one MUST failed.</summary>
    public const int MustFailed = 1;
    /// <summary>The command line is wrong.</summary>
    public const int Usage = 2;
    /// <summary>The profile cannot be used (malformed, missing fields, unknown values, wrong secret).</summary>
    public const int BadProfile = 3;
    /// <summary>The target is unreachable, hangs, or does not answer like a Matrix homeserver.</summary>
    public const int TargetUnavailable = 4;
    /// <summary>No MUST failed, but some checks ended in error (harness or network fault).</summary>
    public const int HarnessError = 5;
    /// <summary>diff: a case newly fails, or passed and no longer does.</summary>
    public const int Regressed = 1;
    /// <summary>matrix, diff: a results file named on the command line is missing or cannot be read.</summary>
    public const int BadResults = 6;
    /// <summary>Interrupted (Ctrl-C or SIGTERM).</summary>
    public const int Interrupted = 130;
}
