using System.Diagnostics;
using Conformance.Harness.Profiles;
using Conformance.Harness.Targets;
using Conformance.Targets;
using Conformance.Targets.Containers;
using Conformance.Tests.Support;
using DotNet.Testcontainers.Builders;
using Xunit;

namespace Conformance.Tests;

/// <summary>The container layer (Testcontainers, with our labels, loopback ports and failure messages)
/// against the real engine, with a tiny image imported from the host's static busybox.</summary>
[Collection(DockerCollection.Name)]
public sealed class ContainerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ContainerBuilder HttpServer(string runId = "unit", bool keep = false) => ContainerSetup.ForRun(BusyboxImage.Name, runId, keep)
        .WithCommand("sh", "-c", "echo serving; exec /bin/busybox httpd -f -v -p 8080 -h /www")
        .WithPublishedPorts(8080)
        .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPath("/index.html").ForPort(8080), o => o.WithInterval(TimeSpan.FromMilliseconds(250))));

    private static Task<RunningContainer> StartAsync(ContainerBuilder builder, int seconds = 20, bool keep = false) =>
        RunningContainer.StartAsync(builder.Build(), TimeSpan.FromSeconds(seconds), "GET / answers 200", keep, Ct);

    [Fact]
    public async Task Starts_publishes_on_loopback_waits_logs_and_removes()
    {
        await BusyboxImage.EnsureAsync();
        string id;
        await using (var container = await StartAsync(HttpServer()))
        {
            id = container.Container.Id;
            var url = container.UrlOf(8080);
            Assert.StartsWith("http://127.0.0.1:", url);
            using var http = new HttpClient();
            Assert.Equal("hello from busybox", await http.GetStringAsync(url + "/index.html", Ct));

            using var docker = await DockerEngine.ClientAsync(Ct);
            var info = await docker.Containers.InspectContainerAsync(id, Ct);
            Assert.Equal("127.0.0.1", info.HostConfig!.PortBindings!["8080/tcp"][0].HostIP);
            Assert.True(info.HostConfig.Init);
            Assert.Equal("unit", info.Config!.Labels![ResourceReaper.Run]);
            var logs = await container.LogsSinceAsync(null, Ct);
            Assert.Contains(logs, l => l.Text == "serving" && l.Time > DateTimeOffset.UtcNow.AddMinutes(-5));
        }
        Assert.DoesNotContain(await DockerAvailability.ContainersAsync($"{ResourceReaper.Run}=unit"), c => c.ID == id);
    }

    [Fact]
    public async Task A_container_that_never_gets_ready_fails_with_its_log()
    {
        await BusyboxImage.EnsureAsync();
        var builder = ContainerSetup.ForRun(BusyboxImage.Name, "unit-never", keep: false)
            .WithCommand("sh", "-c", "echo not listening anywhere; sleep 30")
            .WithPublishedPorts(8080)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPath("/").ForPort(8080)));
        var e = await Assert.ThrowsAsync<DockerException>(() => StartAsync(builder, seconds: 2));
        Assert.Contains("was not ready within 2 s", e.Message);
        Assert.Contains("not listening anywhere", e.Message);
        Assert.Empty(await DockerAvailability.ContainersAsync($"{ResourceReaper.Run}=unit-never"));
    }

    [Fact]
    public async Task A_container_that_exits_fails_at_once_with_its_log()
    {
        await BusyboxImage.EnsureAsync();
        var builder = ContainerSetup.ForRun(BusyboxImage.Name, "unit-exits", keep: false)
            .WithCommand("sh", "-c", "echo broken config; exit 3")
            .WithPublishedPorts(8080)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPath("/").ForPort(8080)));
        var clock = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<DockerException>(() => StartAsync(builder));
        Assert.Contains("exited with code 3", e.Message);
        Assert.Contains("broken config", e.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        Assert.Empty(await DockerAvailability.ContainersAsync($"{ResourceReaper.Run}=unit-exits"));
    }

    [Fact]
    public async Task Files_are_copied_in_before_start()
    {
        await BusyboxImage.EnsureAsync();
        await using var container = await StartAsync(HttpServer().WithResourceMapping("configured"u8.ToArray(), "/www/config.txt"));
        using var http = new HttpClient();
        Assert.Equal("configured", await http.GetStringAsync(container.UrlOf(8080) + "/config.txt", Ct));
    }

    [Fact]
    public async Task The_reaper_removes_containers_of_dead_runs_and_keeps_the_rest()
    {
        await BusyboxImage.EnsureAsync();
        // An owner that cannot be alive: this host, a PID that does not exist.
        var deadOwner = $"{Environment.MachineName}:999999999:1";
        var dead = await StartAsync(HttpServer("reaper-dead", keep: true).WithLabel(ResourceReaper.Owner, deadOwner).WithLabel(ResourceReaper.Keep, "false"), keep: true);
        var kept = await StartAsync(HttpServer("reaper-kept", keep: true).WithLabel(ResourceReaper.Owner, deadOwner), keep: true);
        await using var mine = await StartAsync(HttpServer("reaper-mine"));
        try
        {
            using var docker = await DockerEngine.ClientAsync(Ct);
            var removed = await ResourceReaper.ReapAsync(docker, Ct);
            Assert.Contains(dead.Name, removed);
            var left = (await DockerAvailability.ContainersAsync($"{ResourceReaper.Managed}=true")).Select(c => c.ID).ToList();
            Assert.DoesNotContain(dead.Container.Id, left);
            Assert.Contains(kept.Container.Id, left);
            Assert.Contains(mine.Container.Id, left);
        }
        finally
        {
            await DockerAvailability.RemoveAsync(kept.Container.Id);
            await DockerAvailability.RemoveAsync(dead.Container.Id);
        }
    }

    /// <summary>The container kind through the same factory the runner uses: a started, labelled
    /// container whose log the target reads, removed when the target is disposed.</summary>
    [Fact]
    public async Task Container_kind_gives_a_container_target_that_removes_its_container()
    {
        await BusyboxImage.EnsureAsync();
        var profile = new TargetProfile
        {
            Name = "busybox",
            Target = new TargetSection
            {
                Kind = TargetKind.Container,
                Container = new ContainerSection
                {
                    Image = BusyboxImage.Name,
                    Port = 8080,
                    Command = ["sh", "-c", "echo serving; exec /bin/busybox httpd -f -v -p 8080 -h /www"],
                    ReadyPath = "/index.html",
                    ReadyTimeout = "20s",
                },
            },
        };
        var since = DateTimeOffset.UtcNow;
        string name;
        await using (var target = await TargetFactory.StartAsync(profile, new TargetStartOptions(Repo.Layout.Root, "factory-test", Keep: false, TextWriter.Null), Ct))
        {
            var container = Assert.IsType<ContainerTarget>(target);
            Assert.Equal(TargetKind.Container, container.Kind);
            Assert.StartsWith("http://127.0.0.1:", container.BaseUrl);
            Assert.Null(container.SharedSecret);
            var facts = Assert.IsType<ContainerFacts>(container.Container);
            name = facts.Name;
            Assert.StartsWith(BusyboxImage.Name + " (", facts.Image);
            Assert.Contains(name, container.Description);
            using var http = new HttpClient();
            Assert.Equal("hello from busybox", await http.GetStringAsync(container.BaseUrl + "/index.html", Ct));
            Assert.Contains(await container.LogsSinceAsync(since, Ct), l => l.Text == "serving");
        }
        Assert.DoesNotContain(await DockerAvailability.ContainersAsync($"{ResourceReaper.Run}=factory-test"), c => c.Names.Any(n => n.TrimStart('/') == name));
    }

    /// <summary>Testcontainers asks for Engine API 1.44; an older engine (Debian 12's speaks 1.41) gets
    /// its own version instead, found by asking it, and a newer one is left alone.</summary>
    [Fact]
    public async Task The_api_version_is_pinned_to_an_older_engine()
    {
        await DockerAvailability.RequireAsync();
        var engine = await DockerEngine.ConnectAsync(Ct);
        Assert.NotNull(engine.ApiVersion);
        Assert.Equal("true", Environment.GetEnvironmentVariable("TESTCONTAINERS_RYUK_DISABLED"));
        if (engine.ApiVersion < DockerEngine.TestcontainersApiVersion)
            Assert.Equal(engine.ApiVersion!.ToString(2), Environment.GetEnvironmentVariable("DOCKER_API_VERSION"));
        using var docker = await DockerEngine.ClientAsync(Ct);
        var version = await docker.System.GetVersionAsync(Ct);
        Assert.Equal(engine.ServerVersion, version.Version);
    }

    [Fact]
    public void Log_lines_of_both_streams_are_merged_in_time_order()
    {
        var lines = ContainerLogs.Merge(
            "2026-11-22T11:30:29.939075048Z started\n2026-11-22T11:30:31.000000000Z ready\n",
            "2026-11-22T11:30:30.000000001Z oops\n");
        Assert.Equal(["stdout started", "stderr oops", "stdout ready"], lines.Select(l => $"{l.Stream} {l.Text}"));
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 11, 30, 29, TimeSpan.Zero).AddTicks(9390750), lines[0].Time);
    }

    [Fact]
    public void Ports_are_published_on_loopback_for_a_local_engine()
    {
        Assert.Equal(Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? host : DockerEngine.DefaultSocket, DockerEngine.Endpoint);
        if (DockerEngine.Endpoint.StartsWith("unix://", StringComparison.Ordinal)) Assert.Equal("127.0.0.1", ContainerSetup.BindAddress);
    }
}
