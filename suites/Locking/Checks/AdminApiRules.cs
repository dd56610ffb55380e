using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.Locking.Observations;

namespace Conformance.Suites.Locking.Checks;

/// <summary>
/// The rules the admin lock and admin suspend APIs share (MSC4323 states them once for both): admins only,
/// no user enumeration, the same error answers. Each is judged for whichever API the answers came from.
/// </summary>
public static class AdminApiRules
{
    /// <param name="flag">"locked" or "suspended": the field a read-back after the non-admin's PUT must not show true.</param>
    public static Outcome OnlyAdmins(string subject, MatrixResponse r, MatrixResponse? afterPut, string flag)
    {
        if (Expect.Arrived(r) is { } lost) return Outcome.Of(subject, lost, r);
        if (!Expect.Forbidden(r))
            return Outcome.Of(subject, Judgement.Fail($"A non-admin got {r.Summary()}; only server admins may use this endpoint (expected 403 M_FORBIDDEN)."), r);
        if (afterPut is not null && Json.Bool(afterPut.Object?[flag]) == true)
            return Outcome.Of(subject, Judgement.Fail($"The non-admin's PUT answered 403, yet the target is now {flag}."), r, afterPut);
        return Outcome.Of(subject, Judgement.Pass("403 M_FORBIDDEN for a non-admin."), r);
    }

    /// <summary>A non-admin must get the same answer whether the user exists, does not, or is remote.</summary>
    public static Outcome NoEnumeration(string subject, MatrixResponse existing, MatrixResponse unknown, MatrixResponse remote)
    {
        var answers = new[] { (Name: "existing", Response: existing), (Name: "unknown", Response: unknown), (Name: "remote", Response: remote) };
        var responses = answers.Select(a => a.Response).ToList();
        if (Expect.Arrived(responses) is { } lost) return Outcome.Of(subject, lost, responses);
        var alike = answers.Select(a => $"{a.Response.Status} {a.Response.Errcode}").Distinct().Count() == 1;
        var j = alike && Expect.Forbidden(existing)
            ? Judgement.Pass("The same 403 M_FORBIDDEN for an existing, an unknown and a remote user.")
            : Judgement.Fail($"A non-admin can tell users apart: {string.Join("; ", answers.Select(a => $"{a.Name} user: {a.Response.Summary()}"))}. Authorisation must be checked before any lookup.");
        return Outcome.Of(subject, j, responses);
    }

    /// <summary>Errors that concern whom the admin acts on are only asked with PUT; the others with both.</summary>
    public static string SubjectOf(AdminApiError error, string get, string put) =>
        error is AdminApiError.Self or AdminApiError.OtherAdmin ? put : $"{get} and {put}";

    /// <param name="acting">"locking" or "suspending", for the reason.</param>
    public static Outcome ErrorAnswers(string subject, AdminApiError error, string acting, IReadOnlyList<(string Method, MatrixResponse Response)> answers)
    {
        var (status, errcode, meaning) = error switch
        {
            AdminApiError.RemoteUser => (400, "M_INVALID_PARAM", "a user of another server"),
            AdminApiError.UnknownUser => (404, "M_NOT_FOUND", "a local user that does not exist"),
            AdminApiError.DeactivatedUser => (404, "M_NOT_FOUND", "a deactivated user"),
            AdminApiError.OtherAdmin => (403, "M_FORBIDDEN", $"{acting} another server admin"),
            _ => (403, "M_FORBIDDEN", $"an admin {acting} their own account"),
        };
        var responses = answers.Select(a => a.Response).ToList();
        if (Expect.Arrived(responses) is { } lost) return Outcome.Of(subject, lost, responses);
        var wrong = answers.Where(a => !Expect.Status(a.Response, status, errcode)).ToList();
        var j = wrong.Count == 0
            ? Judgement.Pass($"{status} {errcode} for {meaning}.")
            : Judgement.Fail($"For {meaning} the spec says {status} {errcode}; " + string.Join("; ", wrong.Select(w => $"{w.Method} answered {w.Response.Summary()}")) + ".");
        return Outcome.Of(subject, j, responses);
    }
}
