using Conformance.Tests.Support;
using Xunit;

namespace Conformance.Tests;

/// <summary><c>--baseline FILE</c>: a baseline kept outside the checkout (a homeserver's own repository) replaces the profile's.</summary>
public sealed class BaselineOptionTests
{
    [Fact]
    public async Task A_missing_baseline_file_is_a_usage_error()
    {
        var run = await CliRun.ExecuteAsync("--only", "MD-009", "--baseline", "/nonexistent/baseline.yaml");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("error: --baseline /nonexistent/baseline.yaml: no such file.", run.Error);
    }

    [Fact]
    public async Task A_baseline_from_elsewhere_judges_the_run()
    {
        var baseline = TempProfile.Write("""
            target: reference
            entries:
              - { check: MD-009, case: "s256", verdict: fail, reason: "known: the metadata lacks S256" }
            """);
        var run = await CliRun.ExecuteAsync("--only", "MD-009", "--no-html", "--reference-defect", "metadata-no-s256", "--baseline", baseline);
        Assert.True(run.ExitCode == 0, run.ToString());
        var summary = run.Results.Baseline!;
        Assert.Equal((baseline, 1, 0), (summary.File, summary.Expected, summary.Deviations));

        var fixedRun = await CliRun.ExecuteAsync("--only", "MD-009", "--no-html", "--baseline", baseline);
        Assert.Equal(1, fixedRun.ExitCode);
        Assert.Equal(1, fixedRun.Results.Baseline!.Fixed);
    }
}
