using Conformance.Harness.Profiles;
using Conformance.Harness.Targets;
using Conformance.Targets.Containers;

namespace Conformance.Targets;

/// <summary>
/// A target the run starts in a container: reap leftovers of dead runs, make sure the image is there,
/// start a fresh container on a random loopback port, wait until it answers, and remove it at the end
/// (unless kept).
/// </summary>
public sealed class ContainerTarget : ITarget
{
    /// <summary>Engine timestamps and the harness's clock may differ a little: read the log from a bit earlier.</summary>
    private static readonly TimeSpan LogMargin = TimeSpan.FromSeconds(5);

    private readonly DockerClient _docker;
    public DockerContainer Running { get; }
    public ImageProvider.Outcome Image { get; }
    public TargetKind Kind => TargetKind.Container;
    public string BaseUrl { get; }
    public string? SharedSecret => null;
    public ContainerFacts? Container => new(Running.Name, $"{Image.Image} ({Image.How})", Running.ReadyAfter);

    public string Description =>
        $"Container {Running.Name} ({Image.Image}, {Image.How}) ready at {BaseUrl} after {Running.ReadyAfter.TotalSeconds:0.0} s.";

    private ContainerTarget(DockerClient docker, DockerContainer running, string baseUrl, ImageProvider.Outcome image)
    {
        _docker = docker;
        Running = running;
        BaseUrl = baseUrl;
        Image = image;
    }

    public static async Task<ContainerTarget> StartAsync(TargetProfile profile, TargetStartOptions options, CancellationToken ct)
    {
        var spec = profile.Target.Container!;
        var docker = DockerClient.FromEnvironment();
        try
        {
            var (ok, problem) = await docker.PingAsync(ct);
            if (!ok) throw new TargetUnavailableException($"Cannot start the {profile.Name} container: {problem}. Start dockerd, or set DOCKER_HOST.");
            foreach (var name in await ResourceReaper.ReapAsync(docker, ct))
                options.Progress.WriteLine($"Removed {name}, left over from a run that ended without cleaning up.");

            var image = await ImageProvider.EnsureAsync(docker, spec, options.Root, options.Progress, ct);
            var builder = new ContainerBuilder()
                .WithImage(spec.Image)
                .WithPortBinding(spec.Port)
                .WithRunLabels(options.RunId, options.Keep)
                .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPath(spec.ReadyPath).ForPort(spec.Port)))
                .WithStartupTimeout(Durations.Parse(spec.ReadyTimeout))
                .WithCleanUp(!options.Keep);
            foreach (var (k, v) in spec.Environment) builder.WithEnvironment(k, v);
            foreach (var (inside, file) in spec.Files) builder.WithResourceMapping(await File.ReadAllTextAsync(Path.Combine(options.Root, file), ct), inside);
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

    public Task<IReadOnlyList<ServerLogLine>> LogsSinceAsync(DateTimeOffset since, CancellationToken ct) => Running.GetLogsAsync(since - LogMargin, ct);

    public async ValueTask DisposeAsync()
    {
        try { await Running.DisposeAsync(); }
        finally { _docker.Dispose(); }
    }
}
