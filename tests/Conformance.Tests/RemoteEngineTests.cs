using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Conformance.Tests.Support;
using Xunit;

namespace Conformance.Tests;

/// <summary>
/// A run against a Docker engine reached over TCP (a homeserver CI with a remote or rootless engine): a
/// second dockerd of our own, listening on tcp://127.0.0.1:PORT, with the Synapse image loaded into it,
/// and the runner pointed at it with DOCKER_HOST. The container must start there, pass, and be gone.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class RemoteEngineTests
{
    private const string SynapseImage = "conformance/synapse:1.160-sid.2";

    [Fact]
    public async Task A_container_run_through_DOCKER_HOST_over_tcp_passes_and_leaves_nothing()
    {
        await DockerAvailability.RequireAsync();
        var skip = Environment.UserName != "root" ? "starting a second dockerd needs root"
            : Which("dockerd") is null ? "dockerd is not installed" : null;
        if (skip is not null)
        {
            if (DockerAvailability.Required) Assert.Fail($"CONFORMANCE_REQUIRE_DOCKER=1 but {skip}.");
            Assert.Skip(skip);
        }
        // The Synapse run builds the image on the local engine if needed; the remote engine gets a copy.
        if (await Docker("image", "inspect", SynapseImage) != 0)
            await CliRun.ExecuteAsync("--target", "synapse", "--only", "ADM-006");

        await using var engine = await SecondEngine.StartAsync();
        Assert.True(await Shell($"docker save {SynapseImage} | DOCKER_HOST={engine.Host} docker load -q") == 0, "the image could not be loaded into the second engine");

        var outDir = Path.Combine(Path.GetTempPath(), "conformance-tests", Guid.NewGuid().ToString("N")[..10]);
        var info = new ProcessStartInfo("dotnet", [Repo.RunnerDll, "--target", "synapse", "--only", "ADM-006,LK-007,LK-008", "--no-html", "--out", outDir])
            { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["DOCKER_HOST"] = engine.Host;
        using var runner = Process.Start(info)!;
        var output = runner.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = runner.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await runner.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(runner.ExitCode == 0, $"exit {runner.ExitCode}\n{await output}\n{await error}");

        var results = Conformance.Harness.Results.RunResults.Load(Path.Combine(outDir, "results.json"));
        Assert.Equal("container", results.Target.Kind);
        Assert.StartsWith("Synapse/", results.Target.ServerHeader);
        // It ran on the second engine, not the local one, and is gone from it.
        Assert.Empty(await DockerAvailability.ContainersAsync($"org.matrix-conformance.run={results.Run.Id}"));
        Assert.Equal("", (await engine.PsAsync($"org.matrix-conformance.run={results.Run.Id}")).Trim());
        Assert.Contains(results.Run.Id, await engine.EventsAsync());
    }

    private static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private static Task<int> Docker(params string[] args) => Run("docker", args);

    private static Task<int> Shell(string script) => Run("bash", ["-c", "set -o pipefail; " + script]);

    private static async Task<int> Run(string file, string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        _ = p.StandardOutput.ReadToEndAsync();
        _ = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync(TestContext.Current.CancellationToken);
        return p.ExitCode;
    }

    /// <summary>A dockerd of the test's own: its own data and exec roots and containerd namespace, on the
    /// host's docker0 bridge but with addresses from a corner of its range the first engine does not hand
    /// out, no iptables rules (published ports go through its userland proxy), and the API on loopback TCP.
    /// Stopped (by its PID) and its folders removed at the end.</summary>
    private sealed class SecondEngine : IAsyncDisposable
    {
        private readonly Process _daemon;
        private readonly string _root;
        public string Host { get; }

        private SecondEngine(Process daemon, string root, string host) => (_daemon, _root, Host) = (daemon, root, host);

        public static async Task<SecondEngine> StartAsync()
        {
            var root = Path.Combine("/tmp", "conformance-dockerd-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(root);
            var host = $"tcp://127.0.0.1:{FreePort()}";
            var info = new ProcessStartInfo("dockerd",
            [
                "--host", host, "--data-root", Path.Combine(root, "data"), "--exec-root", Path.Combine(root, "exec"),
                "--pidfile", Path.Combine(root, "dockerd.pid"), "--containerd-namespace", "conformance-remote",
                "--containerd-plugins-namespace", "conformance-remote-plugins", "--bridge", "docker0",
                "--fixed-cidr", "172.17.240.0/20", "--iptables=false", "--ip-masq=false",
            ]) { RedirectStandardOutput = true, RedirectStandardError = true };
            var daemon = Process.Start(info)!;
            var log = new System.Text.StringBuilder();
            daemon.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
            daemon.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
            daemon.BeginOutputReadLine();
            daemon.BeginErrorReadLine();
            var engine = new SecondEngine(daemon, root, host);
            for (var i = 0; i < 120; i++)
            {
                if (await Shell($"DOCKER_HOST={host} docker version") == 0) return engine;
                if (daemon.HasExited) break;
                await Task.Delay(500, TestContext.Current.CancellationToken);
            }
            await engine.DisposeAsync();
            string tail;
            lock (log) tail = string.Join('\n', log.ToString().Split('\n').TakeLast(15));
            Assert.Fail($"The second dockerd did not answer at {host}:\n{tail}");
            return engine;
        }

        public async Task<string> PsAsync(string label) => await Output($"DOCKER_HOST={Host} docker ps -aq --filter label={label}");

        /// <summary>The engine's container events so far: proof of what ran on it.</summary>
        public async Task<string> EventsAsync() =>
            await Output($"DOCKER_HOST={Host} timeout 10 docker events --since 0 --until \"$(date +%s)\" --filter type=container --format '{{{{json .Actor.Attributes}}}}'");

        private static async Task<string> Output(string script)
        {
            using var p = Process.Start(new ProcessStartInfo("bash", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var text = await p.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            await p.WaitForExitAsync(TestContext.Current.CancellationToken);
            return text;
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_daemon.HasExited)
            {
                // SIGTERM lets dockerd stop its containers and unmount; the kill is the fallback.
                using (var term = Process.Start("kill", ["-TERM", _daemon.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try { await _daemon.WaitForExitAsync(limit.Token); }
                catch (OperationCanceledException) { _daemon.Kill(entireProcessTree: true); }
            }
            _daemon.Dispose();
            await Shell($"grep -o ' {_root}[^ ]*' /proc/mounts | sort -r | xargs -r -n1 umount -l; rm -rf {_root}");
        }
    }
}
