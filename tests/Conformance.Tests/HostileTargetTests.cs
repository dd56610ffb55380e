using System.Diagnostics;
using Conformance.Harness.Checks;
using Conformance.Harness.Results;
using Conformance.Tests.Support;
using Xunit;

namespace Conformance.Tests;

/// <summary>
/// Servers under development hang, die, rate-limit with nonsense hints, answer 50 MB or 500 everywhere.
/// Each mode of <see cref="HostileServer"/> gets one bounded run: the exit code and the message are the
/// documented ones, a silent target ends the run within a minute with what was judged before kept, and
/// no verdict about the server rests on an answer that never came.
/// </summary>
public sealed class HostileTargetTests
{
    /// <summary>Well under a minute, as a silent target must end the run.</summary>
    private static readonly TimeSpan SilentBound = TimeSpan.FromSeconds(60);

    /// <summary>Only the locked sweep asks for it: a fault from here on starts well into the suites.</summary>
    private const string MidRun = "/_matrix/client/v3/initialSync";

    /// <summary>Both suite processes, without the browser checks (which add time, not coverage, here).</summary>
    private const string BothSuites = "locking,admin-lock-api,oauth-metadata";

    private static string Profile() => TempProfile.Write($"""
        name: hostile
        target:
          kind: url
        users:
          shared_secret: {HostileServer.SharedSecret}
        appservice:
          token: hostile-appservice-token
        timeouts:
          request: 5s
          ready: 5s
        """);

    private static async Task<(CliRun Run, TimeSpan Took)> RunAsync(HostileServer server, params string[] extra)
    {
        var clock = Stopwatch.StartNew();
        var run = await CliRun.ExecuteAsync(["--profile", Profile(), "--target-url", server.Url, "--no-html", .. extra]);
        return (run, clock.Elapsed);
    }

    [Fact]
    public async Task A_target_that_hangs_after_versions_ends_the_run_with_exit_4_and_every_check_in_error()
    {
        await using var server = await HostileServer.AfterVersionsAsync(HostileMode.Hang);
        var (run, took) = await RunAsync(server);

        Assert.True(run.ExitCode == 4, run.ToString());
        Assert.True(took < SilentBound, $"took {took.TotalSeconds:0} s");
        Assert.Contains("Exit code 4: the target stopped answering", run.Output);
        var results = run.Results;
        Assert.Contains("stopped answering", results.Run.Unresponsive);
        Assert.All(results.Results, r => Assert.Equal(Verdict.Error, r.Verdict));
    }

    [Theory]
    [InlineData(HostileMode.Hang)]
    [InlineData(HostileMode.Die)]
    public async Task A_target_that_goes_silent_mid_run_ends_it_with_exit_4_keeping_what_was_judged(HostileMode mode)
    {
        await using var server = await HostileServer.AfterPathAsync(mode, MidRun);
        var (run, took) = await RunAsync(server, "--only", BothSuites);

        Assert.True(run.ExitCode == 4, run.ToString());
        Assert.True(took < SilentBound, $"took {took.TotalSeconds:0} s");
        var results = run.Results;
        Assert.NotNull(results.Run.Unresponsive);
        Assert.Contains(results.Results, r => r.Id.StartsWith("LK-", StringComparison.Ordinal) && r.Verdict == Verdict.Pass);
        Assert.Contains(results.Results, r => r.Verdict == Verdict.Error && r.Reason.Contains("stopped answering", StringComparison.Ordinal));
        NoVerdictRestsOnAMissingAnswer(results);
    }

    /// <summary>The fault starts with the first feature probe (the OAuth 2.0 metadata): what the server
    /// offers is unknown, so nothing may be skipped as "not offered".</summary>
    [Theory]
    [InlineData(HostileMode.Hang)]
    [InlineData(HostileMode.ServerError)]
    public async Task A_fault_during_the_feature_probes_is_never_a_skip(HostileMode mode)
    {
        await using var server = await HostileServer.AfterPathAsync(mode, "/_matrix/client/v1/auth_metadata");
        var (run, took) = await RunAsync(server, "--only", BothSuites);

        Assert.True(run.ExitCode == (mode == HostileMode.Hang ? 4 : 5), run.ToString());
        Assert.True(took < TimeSpan.FromMinutes(2), $"took {took.TotalSeconds:0} s");
        NoVerdictRestsOnAMissingAnswer(run.Results);
    }

    [Theory]
    [InlineData(HostileMode.RetryAfterMsNegative)]
    [InlineData(HostileMode.RetryAfterHeaderNegative)]
    public async Task A_negative_retry_hint_counts_as_no_hint_and_the_run_ends_normally(HostileMode mode)
    {
        await using var server = await HostileServer.StartAsync(mode);
        var (run, took) = await RunAsync(server, "--only", "locking,admin-lock-api");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(took < TimeSpan.FromMinutes(3), $"took {took.TotalSeconds:0} s");
        var results = run.Results;
        Assert.DoesNotContain(results.Results, r => r.Verdict == Verdict.Error);
        Assert.Contains(results.Results.SelectMany(r => r.Exchanges), e => e.Attempts > 1);
    }

    [Fact]
    public async Task A_50_MB_body_is_read_up_to_the_limit_and_the_cut_is_noted()
    {
        await using var server = await HostileServer.StartAsync(HostileMode.HugeBody);
        var (run, took) = await RunAsync(server, "--only", "oauth-metadata");

        Assert.True(run.ExitCode is 0 or 1, run.ToString());
        Assert.True(took < TimeSpan.FromMinutes(2), $"took {took.TotalSeconds:0} s");
        var cut = run.Results.Results.SelectMany(r => r.Exchanges).Where(e => e.ResponseTruncated is not null).ToList();
        Assert.NotEmpty(cut);
        Assert.All(cut, e => Assert.Contains("longer than 1,048,576 bytes", e.ResponseTruncated));
    }

    [Fact]
    public async Task A_target_that_fails_with_500_after_versions_ends_with_exit_4_not_a_profile_error()
    {
        await using var server = await HostileServer.AfterVersionsAsync(HostileMode.ServerError);
        var (run, _) = await RunAsync(server);

        Assert.True(run.ExitCode == 4, run.ToString());
        Assert.Contains("returned 500 M_UNKNOWN", run.Output);
        Assert.All(run.Results.Results, r => Assert.Equal(Verdict.Error, r.Verdict));
    }

    [Fact]
    public async Task A_target_that_fails_with_500_mid_run_gets_no_skip_and_no_verdict_from_a_missing_answer()
    {
        await using var server = await HostileServer.AfterPathAsync(HostileMode.ServerError, MidRun);
        var (run, took) = await RunAsync(server, "--only", BothSuites);

        Assert.True(run.ExitCode is 1 or 5, run.ToString());
        Assert.True(took < TimeSpan.FromMinutes(3), $"took {took.TotalSeconds:0} s");
        NoVerdictRestsOnAMissingAnswer(run.Results);
    }

    [Fact]
    public async Task A_target_that_answers_html_after_versions_has_no_shared_secret_registration_exit_3()
    {
        await using var server = await HostileServer.AfterVersionsAsync(HostileMode.Garbage);
        var (run, _) = await RunAsync(server);

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("Shared-secret registration is not available", run.Error);
        Assert.Contains("non-JSON body", run.Error);
    }

    /// <summary>No skip (every feature of the server behind the proxy is offered), and nothing but an error
    /// rests on an exchange that got no answer.</summary>
    private static void NoVerdictRestsOnAMissingAnswer(RunResults results)
    {
        Assert.DoesNotContain(results.Results, r => r.Verdict == Verdict.Skip);
        var judgedOnNothing = results.Results
            .Where(r => r.Verdict != Verdict.Error && r.Exchanges.Any(e => e.Error is not null))
            .Select(r => $"{r.Id} {r.Case}: {r.Verdict.Name()}: {r.Reason}").ToList();
        Assert.True(judgedOnNothing.Count == 0, string.Join("\n", judgedOnNothing));
    }
}
