using Conformance.Harness.Profiles;
using Conformance.Harness.Targets;
using Conformance.Tests.Support;
using Xunit;

namespace Conformance.Tests.Unit;

/// <summary>An image built for Complement needs no profile: the committed complement.yaml, with the image
/// from --complement-image or Complement's own COMPLEMENT_BASE_IMAGE, and the contract's defaults.</summary>
public sealed class ComplementProfileTests
{
    private static string Profile => Repo.File("fixtures/profiles/complement.yaml");

    [Fact]
    public void The_image_from_the_command_line_needs_nothing_else()
    {
        var profile = ProfileLoader.Load(Profile, new ProfileOverrides { ComplementImage = "my-server:complement" }, _ => null);
        Assert.Equal(TargetKind.Complement, profile.Target.Kind);
        Assert.Equal("my-server:complement", profile.Target.Container!.Image);
        Assert.Equal("open-registration", profile.Users.Method);
        Assert.Equal(ProfileLoader.ComplementSharedSecret, profile.Users.SharedSecret);
    }

    [Fact]
    public void Complements_own_variable_names_the_image()
    {
        var profile = ProfileLoader.Load(Profile, null, name => name == "COMPLEMENT_BASE_IMAGE" ? "from-env:1" : null);
        Assert.Equal("from-env:1", profile.Target.Container!.Image);
        var e = Assert.Throws<ProfileException>(() => ProfileLoader.Load(Profile, null, _ => null));
        Assert.Contains("COMPLEMENT_BASE_IMAGE", e.Message);
    }

    [Fact]
    public void A_complement_profile_without_a_secret_gets_the_contracts()
    {
        var file = TempProfile.Write("name: x\ntarget:\n  kind: complement\n  container: { image: x:1 }\nusers: { method: open-registration }\n");
        Assert.Equal("complement", ProfileLoader.Load(file, null, _ => null).Users.SharedSecret);
        var missing = TempProfile.Write("name: x\ntarget:\n  kind: complement\n");
        Assert.Contains("kind: complement needs an image", Assert.Throws<ProfileException>(() => ProfileLoader.Load(missing, null, _ => null)).Message);
    }

    [Fact]
    public void Advertised_internal_urls_go_to_the_published_ports()
    {
        var aliases = Conformance.Targets.Complement.ComplementTarget.AliasesFor("http://127.0.0.1:41000", "https://127.0.0.1:41001");
        Assert.Equal("http://127.0.0.1:41000/_matrix/client/v1/auth_metadata", aliases.Rewrite("http://127.0.0.1:8008/_matrix/client/v1/auth_metadata"));
        Assert.Equal("http://127.0.0.1:41000/account?action=x", aliases.Rewrite("http://hs1/account?action=x"));
        Assert.Equal("https://127.0.0.1:41001/_matrix/key/v2/server", aliases.Rewrite("https://hs1:8448/_matrix/key/v2/server"));
        Assert.Equal("http://127.0.0.1:9999/x", aliases.Rewrite("http://127.0.0.1:9999/x"));
        Assert.Equal("not a url", aliases.Rewrite("not a url"));
    }
}
