using Conformance.Harness.Profiles;
using Conformance.Harness.Targets;
using Xunit;

namespace Conformance.Tests.Unit;

/// <summary>The run configuration crosses into each suite process as JSON: the target kind, the credentials
/// in effect and the runner's probe must arrive intact, so a suite neither probes again nor reads a secret
/// from the profile.</summary>
public sealed class RunConfigTests
{
    [Fact]
    public void Kind_credentials_and_identity_survive_the_trip_to_the_suite()
    {
        var profile = new TargetProfile { Name = "reference", Target = new TargetSection { Kind = TargetKind.Embedded } };
        var config = new RunConfig
        {
            RunId = "abc123",
            TargetName = "reference",
            TargetKind = TargetKind.Embedded,
            TargetUrl = "http://127.0.0.1:9",
            Profile = profile,
            Credentials = new RunCredentials("fresh-secret"),
            Identity = new TargetIdentity { SpecVersions = ["v1.19"], UnstableFeatures = ["org.matrix.msc4323"], ServerVersion = "ReferenceHomeserver 0.1.0" },
            PartFile = "/tmp/part.json",
            OutDir = "/tmp",
        };

        var json = config.ToJson();
        var back = RunConfig.FromJson(json);

        Assert.Contains("\"targetKind\":\"Embedded\"", json);
        Assert.Equal(TargetKind.Embedded, back.TargetKind);
        Assert.Equal("fresh-secret", back.Credentials.SharedSecret);
        Assert.Null(back.Profile.Users.SharedSecret);
        Assert.NotNull(back.Identity);
        Assert.Equal(["v1.19"], back.Identity.SpecVersions);
        Assert.Equal(["org.matrix.msc4323"], back.Identity.UnstableFeatures);
        Assert.Equal("ReferenceHomeserver 0.1.0", back.Identity.ServerVersion);
    }

    [Fact]
    public void A_configuration_without_a_probe_leaves_the_suite_to_probe()
    {
        var json = """{"runId":"r","targetName":"t","targetKind":"Url","targetUrl":"http://127.0.0.1:9","profile":{"name":"t"},"partFile":"p","outDir":"o"}""";
        var config = RunConfig.FromJson(json);
        Assert.Equal(TargetKind.Url, config.TargetKind);
        Assert.Null(config.Identity);
        Assert.Null(config.Credentials.SharedSecret);
    }
}
