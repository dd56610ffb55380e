using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;

namespace Conformance.Suites.Locking.Checks;

/// <summary>
/// The verdict rules for a request sent with a locked account's token. The lock error is 401 with errcode
/// M_USER_LOCKED and soft_logout true; a success is a bypass; and some answers do not let the lock be
/// judged at all: no answer (error), rate limiting (inconclusive), an endpoint the server does not
/// implement (skip), and a validation error sent before the token was looked at, an order the spec
/// leaves open (inconclusive).
/// </summary>
public static class LockedAnswer
{
    public const string LockedErrcode = "M_USER_LOCKED";
    private static readonly string[] ValidationErrcodes = ["M_INVALID_PARAM", "M_BAD_JSON", "M_NOT_JSON", "M_MISSING_PARAM", "M_NOT_FOUND", "M_TOO_LARGE"];

    /// <summary>The complete lock error: 401, M_USER_LOCKED, soft_logout true.</summary>
    public static bool IsLockError(MatrixResponse r) => r.Status == 401 && r.Errcode == LockedErrcode && r.SoftLogoutRaw == "true";

    /// <summary>404/405 with M_UNRECOGNIZED (or no error code at all): the server's way of saying it has no such route.</summary>
    public static bool LooksUnrecognized(MatrixResponse r) =>
        r.Status is 404 or 405 && (r.Errcode is null or "M_UNRECOGNIZED");

    /// <summary>
    /// The verdict when the answer does not let the check judge the lock at all, or null to go on.
    /// <paramref name="withoutToken"/> is the same request sent with no token, sent only when the answer
    /// looked like an unknown route, to tell "not implemented" from "refused with the wrong code".
    /// </summary>
    public static Judgement? Preliminary(MatrixResponse r, MatrixResponse? withoutToken, IReadOnlySet<string>? unavailable = null)
    {
        if (Expect.Arrived(r) is { } lost) return lost;
        if (r.Status == 429) return Judgement.Inconclusive("Rate-limited (429) even after retries; raise the server's rate limits for the test users.");
        if (LooksUnrecognized(r) && withoutToken is not null && LooksUnrecognized(withoutToken))
            return Judgement.Skip("The server does not implement this endpoint.",
                $"with the locked token: {r.Summary()}; with no token: {withoutToken.Summary()}");
        if (r.Status is 400 or 404 or 405 or 413 && r.Errcode is { } code && ValidationErrcodes.Contains(code))
        {
            var why = unavailable is { Count: > 0 } ? $" The request used values that could not be prepared ({string.Join(", ", unavailable)}), which may be why." : "";
            return Judgement.Inconclusive($"Answered {r.Summary()} before looking at the token: the server validated the request before authenticating it, an order the spec leaves open.{why}");
        }
        return null;
    }

    public static Judgement Status(MatrixResponse r) =>
        r.Status == 401 ? Judgement.Pass("401 Unauthorized.")
        : r.IsSuccess ? Judgement.Fail($"The lock was bypassed: the request succeeded ({r.Summary()}).")
        : Judgement.Fail($"Answered {r.Summary()}; the lock requires 401.");

    public static Judgement Errcode(MatrixResponse r)
    {
        if (r.Errcode == LockedErrcode) return Judgement.Pass("errcode M_USER_LOCKED.");
        if (r.IsSuccess) return Judgement.Fail($"The lock was bypassed ({r.Summary()}): no errcode at all.");
        var detail = r.Errcode switch
        {
            null when r.Object?["flows"] is not null => "a user-interactive authentication challenge instead of the lock error",
            null => "no errcode",
            "M_UNKNOWN_TOKEN" => "M_UNKNOWN_TOKEN: the token is treated as invalid rather than locked",
            "ORG_MATRIX_MSC3939_USER_LOCKED" => "the unstable MSC3939 code ORG_MATRIX_MSC3939_USER_LOCKED instead of the stable M_USER_LOCKED",
            "M_USER_SUSPENDED" => "M_USER_SUSPENDED: that is the suspension error, not the lock error",
            var other => other,
        };
        return Judgement.Fail($"errcode is {detail} ({r.Summary()}).");
    }

    public static Judgement SoftLogout(MatrixResponse r) => r.SoftLogoutRaw switch
    {
        "true" => Judgement.Pass("soft_logout: true."),
        null => Judgement.Fail($"soft_logout is missing ({r.Summary()})."),
        var raw => Judgement.Fail($"soft_logout is {raw}, not the JSON boolean true ({r.Summary()})."),
    };

    public static Judgement StandardError(MatrixResponse r)
    {
        if (r.IsSuccess) return Judgement.Fail($"Not an error response: the request succeeded ({r.Summary()}).");
        var problems = new List<string>();
        if (r.Object is null) problems.Add("the body is not a JSON object");
        else
        {
            if (r.Errcode is null) problems.Add("no string errcode");
            if (r.Error is null) problems.Add("no string error");
        }
        if (!r.IsJsonContentType) problems.Add($"Content-Type is {r.ContentType ?? "missing"}, not application/json");
        return problems.Count == 0 ? Judgement.Pass("errcode and error are strings; Content-Type application/json.") : Judgement.Fail(string.Join("; ", problems) + ".");
    }

    /// <summary>The error text, recorded: the spec allows (MAY) a reason for the lock in it, never requires one.</summary>
    public static Judgement ErrorText(MatrixResponse r) =>
        r.Errcode != LockedErrcode ? Judgement.Info($"not a lock error ({r.Summary()})")
        : r.Error is { Length: > 0 } text ? Judgement.Info($"error text: \"{text}\"")
        : Judgement.Info("no error text");

    /// <summary>The whole lock error at once, for the checks that repeat the sweep another way (other
    /// endpoints, other tokens, another transport): anything else is a breach, whose verdict the check's
    /// level decides.</summary>
    public static Judgement Complete(MatrixResponse r)
    {
        if (IsLockError(r)) return Judgement.Pass("401 M_USER_LOCKED with soft_logout true.");
        if (r.IsSuccess) return Judgement.Breach($"The lock was bypassed: the request succeeded ({r.Summary()}).");
        var problems = new[] { Status(r), Errcode(r), SoftLogout(r) }.Where(j => j.Verdict != Verdict.Pass).Select(j => j.Reason).Distinct();
        return Judgement.Breach(string.Join(" ", problems));
    }
}
