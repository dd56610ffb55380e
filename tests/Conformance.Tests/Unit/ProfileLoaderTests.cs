using Conformance.Harness.Targets;
using Conformance.Harness.Profiles;
using Conformance.Tests.Support;
using Xunit;

namespace Conformance.Tests.Unit;

public sealed class ProfileLoaderTests
{
    private static TargetProfile Load(string yaml, Dictionary<string, string>? env = null, ProfileOverrides? overrides = null) =>
        ProfileLoader.Load(TempProfile.Write(yaml), overrides, name => env?.GetValueOrDefault(name));

    [Fact]
    public void Every_committed_profile_loads()
    {
        foreach (var file in Directory.GetFiles(Repo.File("fixtures/profiles"), "*.yaml"))
        {
            // complement.yaml names its image by Complement's own variable, which a run sets.
            var profile = ProfileLoader.Load(file, new ProfileOverrides { SharedSecret = "s" }, name => Environment.GetEnvironmentVariable(name) ?? "set-by-the-run");
            Assert.False(string.IsNullOrEmpty(profile.Name), file);
        }
    }

    [Fact]
    public void Environment_references_are_filled()
    {
        var p = Load("name: x\ntarget:\n  kind: url\n  url: ${env:URL}\nusers:\n  shared_secret: ${env:SECRET}\n",
            new() { ["URL"] = "http://127.0.0.1:9", ["SECRET"] = "s3" });
        Assert.Equal("http://127.0.0.1:9", p.Target.Url);
        Assert.Equal("s3", p.Users.SharedSecret);
    }

    [Fact]
    public void Shared_secret_falls_back_to_the_environment_variable()
    {
        var p = Load("name: x\ntarget:\n  kind: url\n  url: http://127.0.0.1:9\n", new() { ["CONFORMANCE_SHARED_SECRET"] = "from-env" });
        Assert.Equal("from-env", p.Users.SharedSecret);
    }

    [Fact]
    public void Command_line_overrides_win_and_switch_the_target_to_url()
    {
        var p = Load("name: x\ntarget:\n  kind: embedded\n", overrides: new ProfileOverrides { TargetUrl = "http://127.0.0.1:7", SharedSecret = "s", Strict = false });
        Assert.Equal(TargetKind.Url, p.Target.Kind);
        Assert.Equal("http://127.0.0.1:7", p.Target.Url);
        Assert.False(p.Strict);
    }

    [Fact]
    public void A_plain_number_given_for_the_secret_is_the_secret_as_text()
    {
        var p = Load("name: x\ntarget:\n  kind: url\n  url: http://127.0.0.1:9\nusers:\n  shared_secret: 12345678\n");
        Assert.Equal("12345678", p.Users.SharedSecret);
    }

    [Fact]
    public void A_misspelt_key_names_the_line_and_the_keys_allowed_there()
    {
        var e = Assert.Throws<ProfileException>(() => Load("name: x\ntarget:\n  kind: url\n  url: http://h\n  defect: [x]\n"));
        Assert.EndsWith("is not valid (line 5, column 3): unknown key 'defect' under target (known: kind, url, server_name, defects, container); did you mean 'defects'?", e.Message);
    }

    [Theory]
    [InlineData("name: x\nstrict: maybe\n", "(line 2, column 9): strict is 'maybe'; expected true or false.")]
    [InlineData("name: x\ntarget:\n  kind: container\n  container: { image: i, port: http }\n", "(line 4, column 32): target.container.port is 'http'; expected a whole number.")]
    [InlineData("name: x\nusers:\n", "(line 2, column 7): users has no value; expected a mapping (key: value).")]
    public void A_value_of_the_wrong_kind_names_the_line_and_the_field(string yaml, string message) =>
        Assert.EndsWith(message, Assert.Throws<ProfileException>(() => Load(yaml)).Message);

    [Theory]
    [InlineData("name: x\ntarget:\n  kind: url\n", "target.url is missing")]
    [InlineData("name: x\ntarget:\n  kind: url\n  url: ftp://h\nusers:\n  shared_secret: s\n", "is not an http(s) URL")]
    [InlineData("name: x\ntarget:\n  kind: cloud\n", "target.kind is 'cloud'")]
    [InlineData("name: x\ntarget:\n  kind: url\n  url: http://h\nusers:\n  method: given\n", "users.accounts.admin is missing")]
    [InlineData("name: x\ntarget:\n  kind: url\n  url: http://h\nusers:\n  shared_secret: s\ntimeouts:\n  request: soon\n", "timeouts.request 'soon'")]
    [InlineData("target:\n  kind: embedded\n", "name is missing")]
    [InlineData("name: x\ntarget:\n  kind: url\n  url: http://h\n", "users.shared_secret is missing")]
    public void Invalid_profiles_name_the_field(string yaml, string message)
    {
        var e = Assert.Throws<ProfileException>(() => Load(yaml));
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("10s", 10_000)]
    [InlineData("2m", 120_000)]
    public void Durations_parse(string text, int ms) => Assert.Equal(TimeSpan.FromMilliseconds(ms), Durations.Parse(text));

    [Fact]
    public void The_suspend_adapter_defaults_to_probing_and_must_be_a_known_one()
    {
        const string target = "name: x\ntarget:\n  kind: url\n  url: http://h\nusers:\n  shared_secret: s\n";
        Assert.Equal("auto", Load(target).Suspend.Adapter);
        Assert.Equal("synapse-admin", Load(target + "suspend:\n  adapter: synapse-admin\n").Suspend.Adapter);
        var e = Assert.Throws<ProfileException>(() => Load(target + "suspend:\n  adapter: psychic\n"));
        Assert.Contains("suspend.adapter", e.Message);
    }

    [Fact]
    public void Given_accounts_may_name_the_suspension_roles()
    {
        var roles = new[] { "admin", "subject", "other", "suspend_subject", "suspend_control", "suspend_throwaway", "suspend_target", "suspend_deactivated" };
        var yaml = "name: x\ntarget:\n  kind: url\n  url: http://h\nusers:\n  method: given\n  accounts:\n"
                   + string.Concat(roles.Select(r => $"    {r}: {{ user: \"@{r}:hs\", password: p }}\n"));
        Assert.Equal(roles.Order(), Load(yaml).Users.Accounts.Keys.Order());
    }
}
