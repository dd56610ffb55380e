using Conformance.Tests.Support;
using ReferenceHomeserver;
using Xunit;

namespace Conformance.Tests;

/// <summary>Bad input ends with one clear message on stderr and the documented exit code.</summary>
public sealed class CliErrorTests
{
    private const string ShortTimeouts = "timeouts:\n  request: 2s\n  ready: 2s\n";

    [Fact]
    public async Task Malformed_profile_exits_3_naming_the_line()
    {
        var profile = TempProfile.Write("name: broken\ntarget:\n  kind: url\n   url: http://127.0.0.1:1\n");
        var run = await CliRun.ExecuteAsync("--profile", profile);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("is not valid (line", run.Error);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Unknown_profile_field_exits_3()
    {
        var profile = TempProfile.Write("name: x\ntarget:\n  kind: url\n  url: http://127.0.0.1:1\nlocking:\n  adapter: auto\n");
        var run = await CliRun.ExecuteAsync("--profile", profile);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("locking", run.Error);
    }

    [Fact]
    public async Task Invalid_profile_value_exits_3_naming_the_field()
    {
        var profile = TempProfile.Write("name: x\ntarget:\n  kind: url\n  url: http://127.0.0.1:1\nusers:\n  shared_secret: s\nlock:\n  adapter: magic\n");
        var run = await CliRun.ExecuteAsync("--profile", profile);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("lock.adapter is 'magic'; expected one of: auto, msc4323", run.Error);
    }

    [Fact]
    public async Task Unset_environment_reference_exits_3()
    {
        var profile = TempProfile.Write("name: x\ntarget:\n  kind: url\n  url: http://127.0.0.1:1\nusers:\n  shared_secret: ${env:CONFORMANCE_TEST_SURELY_UNSET}\n");
        var run = await CliRun.ExecuteAsync("--profile", profile);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("CONFORMANCE_TEST_SURELY_UNSET", run.Error);
    }

    [Fact]
    public async Task Missing_profile_file_exits_3()
    {
        var run = await CliRun.ExecuteAsync("--profile", "/nonexistent/profile.yaml");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("does not exist", run.Error);
    }

    [Fact]
    public async Task Unreachable_target_exits_4()
    {
        var profile = TempProfile.Write("name: x\ntarget:\n  kind: url\nusers:\n  shared_secret: s\n" + ShortTimeouts);
        var run = await CliRun.ExecuteAsync("--profile", profile, "--target-url", FakeServer.ClosedPortUrl());
        Assert.Equal(4, run.ExitCode);
        Assert.StartsWith("error: Cannot reach http://127.0.0.1:", run.Error);
    }

    [Fact]
    public async Task Hanging_target_exits_4_after_the_timeout()
    {
        await using var server = FakeServer.Hanging();
        var profile = TempProfile.Write("name: x\ntarget:\n  kind: url\nusers:\n  shared_secret: s\n" + ShortTimeouts);
        var run = await CliRun.ExecuteAsync("--profile", profile, "--target-url", server.Url);
        Assert.Equal(4, run.ExitCode);
        Assert.Contains("timed out after 2 s", run.Error);
    }

    [Fact]
    public async Task Target_that_answers_garbage_exits_4()
    {
        await using var server = FakeServer.Garbage();
        var profile = TempProfile.Write("name: x\ntarget:\n  kind: url\nusers:\n  shared_secret: s\n" + ShortTimeouts);
        var run = await CliRun.ExecuteAsync("--profile", profile, "--target-url", server.Url);
        Assert.Equal(4, run.ExitCode);
        Assert.Contains("does not answer like a Matrix homeserver", run.Error);
        Assert.Contains("It works!", run.Error);
    }

    [Fact]
    public async Task Wrong_shared_secret_exits_3_before_any_check()
    {
        await using var server = await ReferenceServer.StartAsync(new ReferenceServerOptions { SharedSecret = "the-right-secret" }, TestContext.Current.CancellationToken);
        var run = await CliRun.ExecuteAsync("--profile", Repo.File("fixtures/profiles/reference-by-url.yaml"), "--target-url", server.BaseUrl, "--shared-secret", "the-wrong-secret");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("is the shared secret right?", run.Error);
        Assert.DoesNotContain("the-wrong-secret", run.Error + run.Output);
    }

    [Fact]
    public async Task An_unrepresentable_duration_exits_3_naming_the_field()
    {
        var profile = TempProfile.Write("name: x\ntarget:\n  kind: url\n  url: http://127.0.0.1:1\nusers:\n  shared_secret: s\ntimeouts:\n  request: 99999999999m\n");
        var run = await CliRun.ExecuteAsync("--profile", profile);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("timeouts.request '99999999999m'", run.Error);
    }

    [Fact]
    public async Task An_unknown_required_area_in_the_profile_exits_3()
    {
        var profile = TempProfile.Write("name: x\ntarget:\n  kind: url\n  url: http://127.0.0.1:1\nusers:\n  shared_secret: s\nrequire: [lockin]\n");
        var run = await CliRun.ExecuteAsync("--profile", profile);
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("require names 'lockin', which is not an area", run.Error);
    }

    [Fact]
    public async Task Out_naming_a_file_exits_2()
    {
        var file = TempProfile.Write("not a folder");
        var run = await CliRun.ExecuteAsync("--out", file, "--only", "LK-001");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"--out '{file}' is a file, not a folder.", run.Error);
    }

    [Fact]
    public async Task A_target_url_that_is_not_http_is_blamed_on_the_command_line()
    {
        var run = await CliRun.ExecuteAsync("--target-url", "ftp://x");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: --target-url 'ftp://x' is not an http(s) URL", run.Error);
        Assert.DoesNotContain("Profile", run.Error);
    }

    /// <summary>A server without a way to lock accounts gets every locking check skipped: honest, but a
    /// job that requires locking fails, saying what the probe found.</summary>
    [Fact]
    public async Task A_required_area_the_server_does_not_offer_exits_1_with_the_detection()
    {
        var profile = TempProfile.Write("name: no-locking\ntarget:\n  kind: embedded\nlock:\n  adapter: none\n");
        var run = await CliRun.ExecuteAsync("--profile", profile, "--only", "LK-001,LK-007", "--require", "locking", "--no-html");
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("Exit code 1: the required area locking was not applicable: every check was skipped (named by the profile (lock.adapter: none))", run.Output);
        Assert.Contains("MUST n/a", File.ReadAllText(Path.Combine(run.OutDir, "badge.json")));
    }

    /// <summary>A profile may come from a homeserver's repository: a build script (code), a file copied into
    /// the container or a baseline the run may rewrite that lies outside the profile's folder and the checkout
    /// is refused before anything runs, unless the user says they trust the profile.</summary>
    [Theory]
    [InlineData("target.container.build.script", true)]
    [InlineData("target.container.files./etc/x", false)]
    [InlineData("baseline", true)]
    public async Task A_profile_naming_a_file_outside_its_folder_and_the_checkout_exits_3(string field, bool relative)
    {
        var profile = ProfileNaming(field, OutsideFile(), relative);
        var run = await CliRun.ExecuteAsync("--profile", profile, "--no-html");
        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains($"{field} '", run.Error);
        Assert.Contains("points outside the profile's folder", run.Error);
        Assert.Contains("--trust-profile", run.Error);
    }

    [Fact]
    public async Task A_trusted_profile_may_name_a_file_outside_its_folder()
    {
        var profile = ProfileNaming("baseline", OutsideFile(), relative: true);
        var run = await CliRun.ExecuteAsync("--profile", profile, "--target-url", FakeServer.ClosedPortUrl(), "--trust-profile", "--no-html");
        Assert.True(run.ExitCode == 4, run.ToString());
    }

    /// <summary>A file in a folder of its own, next to (not inside) the folder temporary profiles are written to.</summary>
    private static string OutsideFile()
    {
        var folder = Directory.CreateTempSubdirectory("conformance-elsewhere-").FullName;
        var file = Path.Combine(folder, "outside.yaml");
        File.WriteAllText(file, "target: x\nentries: []\n");
        return file;
    }

    private static string ProfileNaming(string field, string outside, bool relative)
    {
        var profile = TempProfile.Write("");
        var value = relative ? Path.GetRelativePath(Path.GetDirectoryName(profile)!, outside) : outside;
        var container = $"target:\n  kind: container\n  container:\n    image: x\n";
        var yaml = field switch
        {
            "target.container.build.script" => container + $"    build:\n      script: {value}\n      recipe: [{value}]\n",
            "target.container.files./etc/x" => container + $"    files:\n      /etc/x: {value}\n",
            _ => $"target:\n  kind: url\n  url: http://127.0.0.1:1\nbaseline: {value}\n",
        };
        File.WriteAllText(profile, "name: confined\n" + yaml + "users:\n  shared_secret: s\n" + ShortTimeouts);
        return profile;
    }

    [Theory]
    [InlineData("--frobnicate")]
    [InlineData("--require", "nowhere")]
    [InlineData("--timeout", "0s")]
    [InlineData("--profile", "")]
    [InlineData("--reference-defect", "no-such-defect")]
    [InlineData("--only", "LK-999")]
    [InlineData("--timeout", "forever")]
    [InlineData("--target", "no-such-target")]
    [InlineData("--keep")]
    public async Task Usage_errors_exit_2(params string[] args)
    {
        var run = await CliRun.ExecuteAsync(args);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: ", run.Error);
    }
}
