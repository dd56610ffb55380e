using System.Text.Json;
using Conformance.Harness.Profiles;
using Conformance.Harness.Targets;
using Conformance.Targets;
using Conformance.Tests.Support;
using Xunit;

namespace Conformance.Tests.Unit;

/// <summary>The factory turns each target kind into its module, and a target never writes into the profile.
/// (The container kind is exercised against a real engine in <see cref="ContainerTests"/>.)</summary>
public sealed class TargetFactoryTests
{
    private static readonly TargetStartOptions Options = new(Repo.Layout.Root, "unit", Keep: false, TextWriter.Null);

    /// <summary>The committed default profile, read without the environment (no CONFORMANCE_SHARED_SECRET).</summary>
    private static TargetProfile ReferenceProfile(ProfileOverrides? overrides = null) =>
        ProfileLoader.Load(Repo.Layout.DefaultProfile, overrides, _ => null);

    private static string Snapshot(TargetProfile profile) => JsonSerializer.Serialize(profile);

    [Theory]
    [InlineData("embedded", TargetKind.Embedded)]
    [InlineData("url", TargetKind.Url)]
    [InlineData("container", TargetKind.Container)]
    [InlineData("complement", TargetKind.Complement)]
    public void Profile_kind_names_bind_to_the_enum_and_back(string name, TargetKind kind)
    {
        var file = TempProfile.Write($"name: x\ntarget:\n  kind: {name}\n  url: http://127.0.0.1:9\n  container: {{ image: x }}\nusers: {{ method: shared-secret, shared_secret: s3cret-value }}\n");
        Assert.Equal(kind, ProfileLoader.Load(file, null, _ => null).Target.Kind);
        Assert.Equal(name, kind.Name());
    }

    [Fact]
    public void An_unknown_kind_names_the_kinds_there_are()
    {
        var file = TempProfile.Write("name: x\ntarget:\n  kind: vm\n");
        var e = Assert.Throws<ProfileException>(() => ProfileLoader.Load(file, null, _ => null));
        Assert.Contains("'vm'", e.Message);
        Assert.Contains("embedded, url, container", e.Message);
    }

    [Fact]
    public async Task Url_kind_gives_a_target_the_run_only_reaches()
    {
        var profile = new TargetProfile { Name = "x", Target = new TargetSection { Kind = TargetKind.Url, Url = "http://127.0.0.1:9/" } };
        await using var target = await TargetFactory.StartAsync(profile, Options, TestContext.Current.CancellationToken);

        var url = Assert.IsType<UrlTarget>(target);
        Assert.Equal(TargetKind.Url, url.Kind);
        Assert.Equal("http://127.0.0.1:9", url.BaseUrl);
        Assert.Contains("http://127.0.0.1:9", url.Description);
        Assert.Null(url.SharedSecret);
        Assert.Null(url.Container);
        Assert.Empty(await url.LogsSinceAsync(DateTimeOffset.MinValue, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Embedded_kind_gives_the_reference_server_answering_at_its_url()
    {
        await using var target = await TargetFactory.StartAsync(ReferenceProfile(), Options, TestContext.Current.CancellationToken);

        var reference = Assert.IsType<ReferenceTarget>(target);
        Assert.Equal(TargetKind.Embedded, reference.Kind);
        Assert.Null(reference.Container);
        Assert.StartsWith("Reference homeserver ", reference.Description);
        using var http = new HttpClient();
        var versions = await http.GetStringAsync(reference.BaseUrl + "/_matrix/client/versions", TestContext.Current.CancellationToken);
        Assert.Contains("\"versions\"", versions);
    }

    [Fact]
    public async Task Starting_an_embedded_target_leaves_the_profile_as_loaded()
    {
        var profile = ReferenceProfile();
        Assert.Null(profile.Users.SharedSecret);
        var before = Snapshot(profile);

        await using var target = await TargetFactory.StartAsync(profile, Options, TestContext.Current.CancellationToken);

        Assert.Equal(before, Snapshot(profile));
        Assert.Null(profile.Users.SharedSecret);
        // The fresh secret the server was started with comes back as data, and the run carries it beside the profile.
        Assert.False(string.IsNullOrEmpty(target.SharedSecret));
        Assert.Equal(target.SharedSecret, RunCredentials.Of(profile, target).SharedSecret);
        Assert.Equal(target.SharedSecret, ((ReferenceTarget)target).Server.Options.SharedSecret);
    }

    [Fact]
    public async Task A_secret_the_profile_gives_is_the_one_the_reference_server_starts_with()
    {
        var profile = ReferenceProfile(new ProfileOverrides { SharedSecret = "given-secret" });
        var before = Snapshot(profile);
        await using var target = await TargetFactory.StartAsync(profile, Options, TestContext.Current.CancellationToken);

        Assert.Equal("given-secret", target.SharedSecret);
        Assert.Equal("given-secret", RunCredentials.Of(profile, target).SharedSecret);
        Assert.Equal(before, Snapshot(profile));
    }

    [Fact]
    public async Task Each_embedded_start_makes_its_own_secret()
    {
        var profile = ReferenceProfile();
        await using var first = await TargetFactory.StartAsync(profile, Options, TestContext.Current.CancellationToken);
        await using var second = await TargetFactory.StartAsync(profile, Options, TestContext.Current.CancellationToken);
        Assert.NotEqual(first.SharedSecret, second.SharedSecret);
    }

    [Fact]
    public async Task The_reference_servers_defects_come_from_the_profile_and_an_unknown_one_is_refused()
    {
        var profile = ReferenceProfile(new ProfileOverrides { Defects = ["admin-api-open"] });
        await using (var target = await TargetFactory.StartAsync(profile, Options, TestContext.Current.CancellationToken))
        {
            Assert.Contains("admin-api-open", target.Description);
            Assert.Single(((ReferenceTarget)target).Server.Options.Defects);
        }

        var wrong = ReferenceProfile(new ProfileOverrides { Defects = ["no-such-defect"] });
        var e = await Assert.ThrowsAsync<UnknownDefectException>(() => TargetFactory.StartAsync(wrong, Options, TestContext.Current.CancellationToken));
        Assert.Contains("no-such-defect", e.Message);
    }

    [Fact]
    public void A_target_with_no_secret_of_its_own_leaves_the_profiles_in_effect()
    {
        var profile = new TargetProfile { Name = "x", Users = new UsersSection { SharedSecret = "from-profile" } };
        Assert.Equal("from-profile", RunCredentials.Of(profile, new UrlTarget("http://127.0.0.1:9")).SharedSecret);
    }
}
