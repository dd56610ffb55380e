using Conformance.Harness.Containers;
using Conformance.Harness.Profiles;

namespace Conformance.Harness.Targets;

/// <summary>
/// A target the suite starts in a container: reap leftovers of dead runs, make sure the image is there,
/// start a fresh container on a random loopback port, wait until it answers, and remove it at the end
/// (unless kept).
/// </summary>
public sealed class ContainerTarget : IAsyncDisposable
{
    private readonly DockerClient _docker;
    public DockerContainer Container { get; }
    public string BaseUrl { get; }
    public ImageProvider.Outcome Image { get; }

    private ContainerTarget(DockerClient docker, DockerContainer container, string baseUrl, ImageProvider.Outcome image)
    {
        _docker = docker;
        Container = container;
        BaseUrl = baseUrl;
        Image = image;
    }

    public static async Task<ContainerTarget> StartAsync(TargetProfile profile, string root, string runId, bool keep, TextWriter progress, CancellationToken ct)
    {
        var spec = profile.Target.Container!;
        var docker = DockerClient.FromEnvironment();
        try
        {
            var (ok, problem) = await docker.PingAsync(ct);
            if (!ok) throw new TargetUnavailableException($"Cannot start the {profile.Name} container: {problem}. Start dockerd, or set DOCKER_HOST.");
            foreach (var name in await ResourceReaper.ReapAsync(docker, ct))
                progress.WriteLine($"Removed {name}, left over from a run that ended without cleaning up.");

            var image = await ImageProvider.EnsureAsync(docker, spec, root, progress, ct);
            var builder = new ContainerBuilder()
                .WithImage(spec.Image)
                .WithPortBinding(spec.Port)
                .WithRunLabels(runId, keep)
                .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPath(spec.ReadyPath).ForPort(spec.Port)))
                .WithStartupTimeout(Durations.Parse(spec.ReadyTimeout))
                .WithCleanUp(!keep);
            foreach (var (k, v) in spec.Environment) builder.WithEnvironment(k, v);
            foreach (var (inside, file) in spec.Files) builder.WithResourceMapping(await File.ReadAllTextAsync(Path.Combine(root, file), ct), inside);
            if (spec.Command is { } command) builder.WithCommand([.. command]);

            var container = builder.Build(docker);
            try
            {
                await container.StartAsync(ct);
            }
            catch
            {
                await container.DisposeAsync();
                throw;
            }
            return new ContainerTarget(docker, container, $"http://{container.Hostname}:{container.GetMappedPublicPort(spec.Port)}", image);
        }
        catch (DockerException e)
        {
            docker.Dispose();
            throw new TargetUnavailableException(e.Message);
        }
        catch
        {
            docker.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try { await Container.DisposeAsync(); }
        finally { _docker.Dispose(); }
    }
}
