using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Suites.Locking.Observations;

namespace Conformance.Suites.Locking.Checks;

/// <summary>
/// The error answers the admin lock and admin suspend APIs share (MSC4323 gives both the same list):
/// one rule, judged for whichever API the answers came from.
/// </summary>
public static class AdminErrorAnswers
{
    /// <summary>Errors that concern whom the admin acts on are only asked with PUT; the others with both.</summary>
    public static string SubjectOf(AdminApiError error, string get, string put) =>
        error is AdminApiError.Self or AdminApiError.OtherAdmin ? put : $"{get} and {put}";

    /// <param name="acting">"locking" or "suspending", for the reason.</param>
    public static Outcome Judge(string subject, AdminApiError error, string acting, IReadOnlyList<(string Method, MatrixResponse Response)> answers)
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
