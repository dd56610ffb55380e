using Conformance.Harness.Profiles;
using Conformance.Tests.Support;
using Xunit;

namespace Conformance.Tests.Unit;

/// <summary>What a profile can say about a server built differently from the reference: every role a check
/// uses, how to deactivate a user, a pre-registered OAuth client and its sign-in steps, per-action and
/// optional confirmation steps; where the shared secret comes from; and where its files may be.</summary>
public sealed class ProfileShapesTests
{
    private const string Url = "name: x\ntarget:\n  kind: url\n  url: http://127.0.0.1:9\n";

    private static TargetProfile Load(string yaml, Dictionary<string, string>? env = null, ProfileOverrides? overrides = null, string? file = null)
    {
        file ??= TempProfile.Write(yaml);
        if (!File.Exists(file)) File.WriteAllText(file, yaml);
        return ProfileLoader.Load(file, overrides, name => env?.GetValueOrDefault(name));
    }

    [Fact]
    public void Given_accounts_may_name_every_role_a_check_uses()
    {
        var roles = string.Concat(ProfileLoader.AccountRoles.Select(r => $"    {r}: {{ user: \"@{r}:hs\", password: pw }}\n"));
        var p = Load(Url + "users:\n  method: given\n  accounts:\n" + roles);
        Assert.Equal(ProfileLoader.AccountRoles.Order(), p.Users.Accounts.Keys.Order());
        Assert.Contains("am_devices", ProfileLoader.AccountRoles);
        Assert.Contains("am_deactivate", ProfileLoader.AccountRoles);
        Assert.Contains("am_reset", ProfileLoader.AccountRoles);
    }

    [Fact]
    public void The_shared_secret_comes_from_the_command_line_then_the_environment_then_the_profile()
    {
        const string yaml = Url + "users:\n  shared_secret: ${env:MY_SECRET}\n";
        Assert.Equal("from-cli", Load(yaml, new() { ["CONFORMANCE_SHARED_SECRET"] = "from-env" }, new ProfileOverrides { SharedSecret = "from-cli" }).Users.SharedSecret);
        Assert.Equal("from-env", Load(yaml, new() { ["CONFORMANCE_SHARED_SECRET"] = "from-env" }).Users.SharedSecret);
        Assert.Equal("from-profile", Load(yaml, new() { ["MY_SECRET"] = "from-profile" }).Users.SharedSecret);
        var e = Assert.Throws<ProfileException>(() => Load(yaml));
        Assert.Contains("MY_SECRET", e.Message);
    }

    [Fact]
    public void Deactivation_is_named_by_the_profile()
    {
        Assert.Equal("client", Load(Url + "users: { shared_secret: s }\n").Users.Deactivate);
        Assert.Equal("synapse-admin", Load(Url + "users: { shared_secret: s, deactivate: synapse-admin }\n").Users.Deactivate);
        var e = Assert.Throws<ProfileException>(() => Load(Url + "users: { shared_secret: s, deactivate: admin-room }\n"));
        Assert.Contains("users.deactivate is 'admin-room'; expected one of: client, synapse-admin, none", e.Message);
    }

    [Fact]
    public void An_oauth_section_names_a_pre_registered_client_and_plain_http_sign_in_steps()
    {
        var p = Load(Url + "users: { shared_secret: s }\noauth:\n  client_id: ${env:CID}\n  redirect_uri: http://127.0.0.1/cb\n  login:\n    - fill: \"input[name=u]\"\n      with: \"{username}\"\n    - click: \"button\"\n",
            new() { ["CID"] = "client-1" });
        Assert.Equal("client-1", p.Oauth.ClientId);
        Assert.Equal("http://127.0.0.1/cb", p.Oauth.RedirectUri);
        Assert.Equal(2, p.Oauth.Login!.Count);
        var e = Assert.Throws<ProfileException>(() => Load(Url + "users: { shared_secret: s }\noauth:\n  login:\n    - wait_for_text: Welcome\n"));
        Assert.Contains("oauth.login[0] needs exactly one of fill, check, click", e.Message);
    }

    [Fact]
    public void Confirmation_steps_can_be_given_per_action_and_be_optional()
    {
        var p = Load(Url + "users: { shared_secret: s }\nweb:\n  confirm_per_action:\n    org.matrix.account_deactivate:\n      - click: \"#notice\"\n        optional: true\n      - fill: \"input[name=confirm_user]\"\n        with: \"{user_id}\"\n");
        var steps = p.Web.ConfirmPerAction["org.matrix.account_deactivate"];
        Assert.True(steps[0].Optional);
        Assert.Equal("{user_id}", steps[1].With);
        var e = Assert.Throws<ProfileException>(() => Load(Url + "users: { shared_secret: s }\nweb:\n  confirm_per_action:\n    org.matrix.device_delete:\n      - fill: \"input\"\n"));
        Assert.Contains("web.confirm_per_action.org.matrix.device_delete[0] fills a field but says nothing to fill it `with`", e.Message);
    }

    [Fact]
    public void Files_a_profile_names_resolve_from_its_folder_and_may_not_leave_it_or_the_checkout()
    {
        var folder = Directory.CreateTempSubdirectory("conformance-profile-").FullName;
        File.WriteAllText(Path.Combine(folder, "baseline.yaml"), "target: x\nentries: []\n");
        var inside = Load(Url + "users: { shared_secret: s }\nbaseline: baseline.yaml\n", file: Path.Combine(folder, "inside.yaml"));
        Assert.Equal(Path.Combine(folder, "baseline.yaml"), inside.Baseline);

        var outsideFolder = Directory.CreateTempSubdirectory("conformance-elsewhere-").FullName;
        File.WriteAllText(Path.Combine(outsideFolder, "build.sh"), "#!/bin/sh\n");
        var escaping = Url.Replace("kind: url", "kind: container") + $"  container:\n    image: x\n    build:\n      script: ../{Path.GetFileName(outsideFolder)}/build.sh\n      recipe: [../{Path.GetFileName(outsideFolder)}/build.sh]\nusers: {{ shared_secret: s }}\n";
        var e = Assert.Throws<ProfileException>(() => Load(escaping, file: Path.Combine(folder, "escaping.yaml")));
        Assert.Contains("target.container.build.script", e.Message);
        Assert.Contains("--trust-profile", e.Message);
        var trusted = Load(escaping, overrides: new ProfileOverrides { TrustProfile = true }, file: Path.Combine(folder, "trusted.yaml"));
        Assert.Equal(Path.Combine(outsideFolder, "build.sh"), trusted.Target.Container!.Build!.Script);

        var absolute = Url + $"users: {{ shared_secret: s }}\nbaseline: {Path.Combine(outsideFolder, "build.sh")}\n";
        Assert.Contains("baseline", Assert.Throws<ProfileException>(() => Load(absolute, file: Path.Combine(folder, "absolute.yaml"))).Message);
    }

    [Fact]
    public void The_committed_profiles_name_files_inside_the_checkout()
    {
        var synapse = ProfileLoader.Load(Repo.File("fixtures/profiles/synapse.yaml"), new ProfileOverrides { SharedSecret = "s" });
        Assert.Equal(Repo.File("fixtures/baselines/synapse.yaml"), synapse.Baseline);
        Assert.Equal(Repo.File("fixtures/targets/synapse/build-image.sh"), synapse.Target.Container!.Build!.Script);
    }
}
