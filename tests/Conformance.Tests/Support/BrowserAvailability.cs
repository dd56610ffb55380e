using Conformance.Harness.Browser;
using Conformance.Harness.Checks;

namespace Conformance.Tests.Support;

/// <summary>
/// Where no Chromium is installed the browser checks skip, with the reason, and the tests accept that;
/// in CI (CONFORMANCE_REQUIRE_BROWSER=1, set by .ci/run) they must run.
/// </summary>
public static class BrowserAvailability
{
    public static bool Present => File.Exists(BrowserHost.Locate(null));
    public static bool Required => Environment.GetEnvironmentVariable("CONFORMANCE_REQUIRE_BROWSER") == "1";

    /// <summary>A skip that only says the browser is missing, tolerated when it is and none is required.</summary>
    public static bool ExcusedSkip(CheckResult r) =>
        !Present && !Required && r.Verdict == Verdict.Skip && r.Detection?.StartsWith("looked for Chromium", StringComparison.Ordinal) == true;
}
