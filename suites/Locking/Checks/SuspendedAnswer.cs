using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.Locking.Observations;

namespace Conformance.Suites.Locking.Checks;

/// <summary>
/// How an answer to the suspended account is read. The suspension error is 403 with errcode
/// M_USER_SUSPENDED. Which actions a server refuses is its own choice, so an error answer is a refusal
/// for the suspension only when it says so (the suspension error, MSC3823's unstable code, or the lock
/// error by mistake) or when the control account, which is not suspended and in the same state, got
/// something else; an error the control got too has another cause.
/// </summary>
public static class SuspendedAnswer
{
    public const string SuspendedErrcode = "M_USER_SUSPENDED";
    public const string UnstableErrcode = "ORG.MATRIX.MSC3823.USER_SUSPENDED";

    /// <summary>Errors a server gives to a request it did not accept as valid. (Not M_NOT_FOUND: a lookup
    /// that found nothing is a complete answer, given after any suspension check.)</summary>
    private static readonly string[] ValidationErrcodes = ["M_INVALID_PARAM", "M_BAD_JSON", "M_NOT_JSON", "M_MISSING_PARAM", "M_TOO_LARGE"];

    /// <summary>The complete suspension error: 403 with M_USER_SUSPENDED.</summary>
    public static bool IsSuspensionError(MatrixResponse r) => r.Status == 403 && r.Errcode == SuspendedErrcode;

    /// <summary>An answer that names the suspension (or the lock, which a suspended user is not), whatever
    /// its status: the server refused because of the suspension.</summary>
    public static bool NamesSuspension(MatrixResponse r) =>
        r.Errcode is SuspendedErrcode or UnstableErrcode or LockedAnswer.LockedErrcode;

    /// <summary>Whether the control account's answer says the error was not the suspension's doing:
    /// the control, which is not suspended, got the same status and errcode.</summary>
    public static bool SameAsControl(MatrixResponse r, MatrixResponse? control) =>
        control is { Arrived: true } c && c.Status == r.Status && c.Errcode == r.Errcode;

    /// <summary>
    /// The verdict when the answer does not let the check judge the suspension at all, or null to go on:
    /// no answer (error), rate limiting (inconclusive), a route neither account finds (skip), and an
    /// error both accounts got that the server gives to requests it will not look at (inconclusive).
    /// </summary>
    public static Judgement? Preliminary(SuspendedSent s)
    {
        var (r, control) = (s.Response, s.Control);
        if (Expect.Arrived(r, control) is { } lost) return lost;
        if (r.Status == 429 || control?.Status == 429) return Judgement.Inconclusive("Rate-limited (429) even after retries; raise the server's rate limits for the test users.");
        if (r.IsSuccess || NamesSuspension(r)) return null;
        if (control is null) return Judgement.Error("The control account sent no request for an answer that needs one.");
        if (LockedAnswer.LooksUnrecognized(r) && LockedAnswer.LooksUnrecognized(control))
            return Judgement.Skip("The server does not implement this endpoint.", $"suspended account: {r.Summary()}; control account: {control.Summary()}");
        return null;
    }

    /// <summary>Whether the suspended account was refused because of the suspension (see the class summary).</summary>
    public static bool RefusedForSuspension(SuspendedSent s) =>
        !s.Response.IsSuccess && (NamesSuspension(s.Response) || !SameAsControl(s.Response, s.Control));

    /// <summary>The same error for both accounts, of the kind a server gives to a request it did not accept
    /// as valid, or a server error: the request never reached the point where the suspension would show.</summary>
    public static bool InvalidForBoth(SuspendedSent s) =>
        !s.Response.IsSuccess && SameAsControl(s.Response, s.Control)
        && (s.Response.Status >= 500 || s.Response.Status is 400 or 413 && (s.Response.Errcode is null || ValidationErrcodes.Contains(s.Response.Errcode)));

    /// <summary>"403 M_FORBIDDEN; the control account got 200": both answers, for reasons.</summary>
    public static string Both(SuspendedSent s) =>
        s.Control is { } c ? $"{s.Response.Summary()} (the control account, not suspended, got {c.Summary()})" : s.Response.Summary();

    /// <summary>What a refusal's errcode is, when it is not M_USER_SUSPENDED.</summary>
    public static string WrongErrcode(MatrixResponse r) => r.Errcode switch
    {
        null => "no errcode",
        UnstableErrcode => $"MSC3823's unstable code {UnstableErrcode} instead of the stable {SuspendedErrcode}",
        LockedAnswer.LockedErrcode => "M_USER_LOCKED: that is the lock error; the account is suspended, not locked",
        var other => other,
    };
}
