using System.Diagnostics;
using System.Formats.Tar;
using System.Text;
using Conformance.Harness.Profiles;
using Conformance.Harness.Targets;
using Conformance.Targets;
using Conformance.Targets.Containers;
using Conformance.Tests.Support;
using Xunit;

namespace Conformance.Tests;

/// <summary>The Docker Engine API client and builder against the real engine, with a tiny image imported
/// from the host's static busybox (no registry needed).</summary>
[Collection(DockerCollection.Name)]
public sealed class ContainerTests
{
    private const string TestImage = "conformance/test-busybox:1";

    private static async Task<DockerClient> ClientWithImageAsync()
    {
        await DockerAvailability.RequireAsync();
        Assert.SkipUnless(File.Exists("/bin/busybox"), "The container tests import /bin/busybox (apt-get install busybox-static).");
        var docker = DockerClient.FromEnvironment();
        if (await docker.InspectImageAsync(TestImage, TestContext.Current.CancellationToken) is null) await ImportBusyboxAsync();
        return docker;
    }

    private static async Task ImportBusyboxAsync()
    {
        var tar = Path.Combine(Path.GetTempPath(), $"busybox-{Guid.NewGuid():N}.tar");
        await using (var file = File.Create(tar))
        await using (var writer = new TarWriter(file, TarEntryFormat.Pax))
        {
            await writer.WriteEntryAsync("/bin/busybox", "bin/busybox", TestContext.Current.CancellationToken);
            var page = new PaxTarEntry(TarEntryType.RegularFile, "www/index.html") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes("hello from busybox")) };
            await writer.WriteEntryAsync(page, TestContext.Current.CancellationToken);
        }
        using var import = Process.Start(new ProcessStartInfo("docker", ["import", "--change", "ENTRYPOINT [\"/bin/busybox\"]", tar, TestImage]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        await import.WaitForExitAsync(TestContext.Current.CancellationToken);
        File.Delete(tar);
        Assert.True(import.ExitCode == 0, await import.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken));
    }

    private static ContainerBuilder HttpServer() => new ContainerBuilder()
        .WithImage(TestImage)
        .WithCommand("sh", "-c", "echo serving; exec /bin/busybox httpd -f -v -p 8080 -h /www")
        .WithPortBinding(8080)
        .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPath("/index.html").ForPort(8080)))
        .WithStartupTimeout(TimeSpan.FromSeconds(20));

    [Fact]
    public async Task Starts_publishes_on_loopback_waits_logs_and_removes()
    {
        using var docker = await ClientWithImageAsync();
        var ct = TestContext.Current.CancellationToken;
        string id;
        await using (var container = HttpServer().WithRunLabels("unit", keep: false).Build(docker))
        {
            await container.StartAsync(ct);
            id = container.Id;
            var port = container.GetMappedPublicPort(8080);
            using var http = new HttpClient();
            Assert.Equal("hello from busybox", await http.GetStringAsync($"http://127.0.0.1:{port}/index.html", ct));

            var info = await container.InspectAsync(ct);
            Assert.Equal("127.0.0.1", info["HostConfig"]!["PortBindings"]!["8080/tcp"]![0]!["HostIp"]!.GetValue<string>());
            Assert.Equal("unit", info["Config"]!["Labels"]![ResourceReaper.Run]!.GetValue<string>());
            var logs = await container.GetLogsAsync(null, ct);
            Assert.Contains(logs, l => l.Text == "serving" && l.Time > DateTimeOffset.UtcNow.AddMinutes(-5));
        }
        Assert.DoesNotContain(await docker.ListContainersAsync($"{ResourceReaper.Run}=unit", ct), c => c.Id == id);
    }

    [Fact]
    public async Task A_container_that_never_gets_ready_fails_with_its_log()
    {
        using var docker = await ClientWithImageAsync();
        var container = new ContainerBuilder().WithImage(TestImage)
            .WithCommand("sh", "-c", "echo not listening anywhere; sleep 30")
            .WithPortBinding(8080)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPath("/").ForPort(8080)))
            .WithStartupTimeout(TimeSpan.FromSeconds(2))
            .Build(docker);
        await using (container)
        {
            var e = await Assert.ThrowsAsync<DockerException>(() => container.StartAsync(TestContext.Current.CancellationToken));
            Assert.Contains("was not ready within 2 s", e.Message);
            Assert.Contains("not listening anywhere", e.Message);
        }
    }

    [Fact]
    public async Task A_container_that_exits_fails_at_once_with_its_log()
    {
        using var docker = await ClientWithImageAsync();
        await using var container = new ContainerBuilder().WithImage(TestImage)
            .WithCommand("sh", "-c", "echo broken config; exit 3")
            .WithPortBinding(8080)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPath("/").ForPort(8080)))
            .WithStartupTimeout(TimeSpan.FromSeconds(20))
            .Build(docker);
        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<DockerException>(() => container.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains("exited with code 3", e.Message);
        Assert.Contains("broken config", e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Files_are_copied_in_before_start()
    {
        using var docker = await ClientWithImageAsync();
        await using var container = HttpServer().WithResourceMapping("configured", "/www/config.txt").Build(docker);
        await container.StartAsync(TestContext.Current.CancellationToken);
        using var http = new HttpClient();
        Assert.Equal("configured", await http.GetStringAsync($"http://127.0.0.1:{container.GetMappedPublicPort(8080)}/config.txt", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_reaper_removes_containers_of_dead_runs_and_keeps_the_rest()
    {
        using var docker = await ClientWithImageAsync();
        var ct = TestContext.Current.CancellationToken;
        // An owner that cannot be alive: this host, a PID that does not exist.
        var dead = HttpServer().WithLabel(ResourceReaper.Managed, "true").WithLabel(ResourceReaper.Owner, $"{Environment.MachineName}:999999999:1").WithLabel(ResourceReaper.Keep, "false").WithCleanUp(false).Build(docker);
        var kept = HttpServer().WithLabel(ResourceReaper.Managed, "true").WithLabel(ResourceReaper.Owner, $"{Environment.MachineName}:999999999:1").WithLabel(ResourceReaper.Keep, "true").WithCleanUp(false).Build(docker);
        await using var mine = HttpServer().WithRunLabels("reaper-test", keep: false).Build(docker);
        await dead.StartAsync(ct);
        await kept.StartAsync(ct);
        await mine.StartAsync(ct);
        try
        {
            var removed = await ResourceReaper.ReapAsync(docker, ct);
            Assert.Contains(dead.Name, removed);
            var left = (await docker.ListContainersAsync($"{ResourceReaper.Managed}=true", ct)).Select(c => c.Id).ToList();
            Assert.DoesNotContain(dead.Id, left);
            Assert.Contains(kept.Id, left);
            Assert.Contains(mine.Id, left);
        }
        finally
        {
            await docker.RemoveContainerAsync(kept.Id, ct);
            await docker.RemoveContainerAsync(dead.Id, ct);
        }
    }

    /// <summary>The container kind through the same factory the runner uses: a started, labelled
    /// container whose log the target reads, removed when the target is disposed.</summary>
    [Fact]
    public async Task Container_kind_gives_a_container_target_that_removes_its_container()
    {
        using var docker = await ClientWithImageAsync();
        var ct = TestContext.Current.CancellationToken;
        var profile = new TargetProfile
        {
            Name = "busybox",
            Target = new TargetSection
            {
                Kind = TargetKind.Container,
                Container = new ContainerSection
                {
                    Image = TestImage,
                    Port = 8080,
                    Command = ["sh", "-c", "echo serving; exec /bin/busybox httpd -f -v -p 8080 -h /www"],
                    ReadyPath = "/index.html",
                    ReadyTimeout = "20s",
                },
            },
        };
        var since = DateTimeOffset.UtcNow;
        string name;
        await using (var target = await TargetFactory.StartAsync(profile, new TargetStartOptions(Repo.Layout.Root, "factory-test", Keep: false, TextWriter.Null), ct))
        {
            var container = Assert.IsType<ContainerTarget>(target);
            Assert.Equal(TargetKind.Container, container.Kind);
            Assert.StartsWith("http://127.0.0.1:", container.BaseUrl);
            Assert.Null(container.SharedSecret);
            var facts = Assert.IsType<ContainerFacts>(container.Container);
            name = facts.Name;
            Assert.StartsWith(TestImage + " (", facts.Image);
            Assert.Contains(name, container.Description);
            using var http = new HttpClient();
            Assert.Equal("hello from busybox", await http.GetStringAsync(container.BaseUrl + "/index.html", ct));
            Assert.Contains(await container.LogsSinceAsync(since, ct), l => l.Text == "serving");
        }
        Assert.DoesNotContain(await docker.ListContainersAsync($"{ResourceReaper.Run}=factory-test", ct), c => c.Names.Any(n => n.TrimStart('/') == name));
    }

    [Fact]
    public void Docker_host_is_read_from_the_environment()
    {
        Assert.Equal("unix:///var/run/docker.sock", DockerEndpoint.Unix(DockerEndpoint.DefaultSocket).Description);
        var tcp = new DockerEndpoint("tcp://127.0.0.1:2375", new Uri("http://127.0.0.1:2375/v1.41/"), null);
        Assert.Null(tcp.SocketPath);
        Assert.Equal(("registry.example/synapse", "v1"), DockerClient.SplitTag("registry.example/synapse:v1"));
        Assert.Equal(("localhost:5000/x", "latest"), DockerClient.SplitTag("localhost:5000/x"));
    }

    [Fact]
    public void Engine_log_frames_are_demultiplexed_with_timestamps()
    {
        static byte[] Frame(byte stream, string text)
        {
            var payload = Encoding.UTF8.GetBytes(text);
            return [stream, 0, 0, 0, (byte)(payload.Length >> 24), (byte)(payload.Length >> 16), (byte)(payload.Length >> 8), (byte)payload.Length, .. payload];
        }
        byte[] raw = [.. Frame(1, "2026-11-22T11:30:29.939075048Z started\n"), .. Frame(2, "2026-11-22T11:30:30.000000001Z oops\n")];
        var lines = DockerLogStream.Parse(raw);
        Assert.Equal(["stdout started", "stderr oops"], lines.Select(l => $"{l.Stream} {l.Text}"));
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 11, 30, 29, TimeSpan.Zero).AddTicks(9390750), lines[0].Time);
    }
}
