using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Conformance.Harness.Profiles;
using Conformance.Harness.Targets;
using Conformance.Targets;
using Conformance.Targets.Complement;
using Conformance.Targets.Containers;
using Conformance.Tests.Support;
using Xunit;

namespace Conformance.Tests;

/// <summary>The Complement contract as the image sees it, with a busybox "homeserver" that serves back
/// what it was given: SERVER_NAME, the CA and the appservice registration in place before start, the
/// client port, and removal of container and network afterwards.</summary>
[Collection(DockerCollection.Name)]
public sealed class ComplementTargetTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Serves /_matrix/client/versions from a file, and copies what the contract put in place
    /// where httpd serves it, so the test can read it back.</summary>
    private const string FakeHomeserver =
        "mkdir -p /www/_matrix/client && echo '{\"versions\":[\"v1.11\"]}' > /www/_matrix/client/versions"
        + " && echo \"$SERVER_NAME\" > /www/server_name && cp /complement/ca/ca.crt /complement/ca/ca.key /www/"
        + " && cat /complement/appservice/*.yaml > /www/appservice.yaml"
        + " && exec /bin/busybox httpd -f -p 8008 -h /www";

    [Fact]
    public async Task An_image_gets_what_Complement_gives_it_and_nothing_is_left()
    {
        await BusyboxImage.EnsureAsync();
        var profile = new TargetProfile
        {
            Name = "complement-busybox",
            Target = new TargetSection
            {
                Kind = TargetKind.Complement,
                Container = new ContainerSection { Image = BusyboxImage.Name, Command = ["sh", "-c", FakeHomeserver], ReadyTimeout = "30s" },
            },
        };
        string runId = "complement-test", container;
        await using (var target = await TargetFactory.StartAsync(profile, new TargetStartOptions(Repo.Layout.Root, runId, Keep: false, TextWriter.Null), Ct))
        {
            var complement = Assert.IsType<ComplementTarget>(target);
            Assert.Equal(TargetKind.Complement, complement.Kind);
            Assert.StartsWith("http://127.0.0.1:", complement.BaseUrl);
            container = complement.Running.Name;
            using var http = new HttpClient();
            Assert.Equal("hs1", (await http.GetStringAsync(complement.BaseUrl + "/server_name", Ct)).Trim());

            var certificate = X509Certificate2.CreateFromPem(await http.GetStringAsync(complement.BaseUrl + "/ca.crt", Ct));
            Assert.True(certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
            var key = await http.GetStringAsync(complement.BaseUrl + "/ca.key", Ct);
            Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----", key);
            using var rsa = RSA.Create();
            rsa.ImportFromPem(key);
            Assert.Equal(4096, rsa.KeySize);
            Assert.Equal(certificate.GetRSAPublicKey()!.ExportSubjectPublicKeyInfo(), rsa.ExportSubjectPublicKeyInfo());

            var registration = await http.GetStringAsync(complement.BaseUrl + "/appservice.yaml", Ct);
            Assert.Contains($"as_token: {complement.AppserviceToken}", registration);
            Assert.Contains("regex: '.*'", registration);

            // URLs the server advertises under its internal names reach its published port.
            Assert.Equal(complement.BaseUrl + "/_matrix/client/versions", complement.Aliases.Rewrite("http://127.0.0.1:8008/_matrix/client/versions"));
            Assert.Equal(complement.BaseUrl + "/x?y=1", complement.Aliases.Rewrite("http://hs1:8008/x?y=1"));
            Assert.Equal("https://elsewhere.example/x", complement.Aliases.Rewrite("https://elsewhere.example/x"));

            Assert.Single(await DockerAvailability.NetworksAsync($"{ResourceReaper.Run}={runId}"));
        }
        Assert.DoesNotContain(await DockerAvailability.ContainersAsync($"{ResourceReaper.Run}={runId}"), c => c.Names.Any(n => n.TrimStart('/') == container));
        Assert.Empty(await DockerAvailability.NetworksAsync($"{ResourceReaper.Run}={runId}"));
    }

    [Fact]
    public async Task An_image_that_never_answers_versions_is_unavailable_with_its_log()
    {
        await BusyboxImage.EnsureAsync();
        // The limit counts creating the container too, which takes seconds on a loaded machine; the log
        // line must be there when it runs out.
        var profile = new TargetProfile
        {
            Name = "complement-silent",
            Target = new TargetSection
            {
                Kind = TargetKind.Complement,
                Container = new ContainerSection { Image = BusyboxImage.Name, Command = ["sh", "-c", "echo no homeserver here; sleep 60"], ReadyTimeout = "15s" },
            },
        };
        var e = await Assert.ThrowsAsync<TargetUnavailableException>(() =>
            TargetFactory.StartAsync(profile, new TargetStartOptions(Repo.Layout.Root, "complement-silent", Keep: false, TextWriter.Null), Ct));
        Assert.Contains("GET /_matrix/client/versions on port 8008 answers 200", e.Message);
        Assert.Contains("no homeserver here", e.Message);
        Assert.Empty(await DockerAvailability.ContainersAsync($"{ResourceReaper.Run}=complement-silent"));
        Assert.Empty(await DockerAvailability.NetworksAsync($"{ResourceReaper.Run}=complement-silent"));
    }
}
