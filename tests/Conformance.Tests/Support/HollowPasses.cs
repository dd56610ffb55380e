using Conformance.Harness.Checks;
using Conformance.Harness.Results;

namespace Conformance.Tests.Support;

/// <summary>
/// Passes that rest on nothing: no evidence at all, an answer that never arrived, or an endpoint the
/// server does not have (404/405 with M_UNRECOGNIZED or no error code). The one check whose requirement
/// is that very answer (an API not offered says 404 M_UNRECOGNIZED) is the exception.
/// </summary>
public static class HollowPasses
{
    private const string UnofferedApiCheck = "MD-002";

    public static IReadOnlyList<string> In(RunResults run) =>
        run.Results.Where(r => r.Verdict == Verdict.Pass && r.Id != UnofferedApiCheck && Hollow(r))
            .Select(r => $"{r.Id} {r.Case}: {r.Reason}").ToList();

    private static bool Hollow(CheckResult r) =>
        r.Exchanges.Count == 0 && r.Attachments.Count == 0
        || r.Exchanges.Any(e => e.Status is null)
        || r.Exchanges.Any(e => e.Status is 404 or 405 && (e.ResponseBody is null || !e.ResponseBody.Contains("errcode", StringComparison.Ordinal) || e.ResponseBody.Contains("M_UNRECOGNIZED", StringComparison.Ordinal)));
}
