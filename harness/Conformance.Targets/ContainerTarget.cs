using Conformance.Harness.Profiles;
using Conformance.Harness.Targets;
using Conformance.Targets.Containers;
using DotNet.Testcontainers.Builders;

namespace Conformance.Targets;

/// <summary>
/// A target the run starts in a container (Testcontainers): reap leftovers of dead runs, make sure the
/// image is there, start a fresh container on a random loopback port, wait until it answers, and remove
/// it at the end (unless kept).
/// </summary>
public sealed class ContainerTarget : ITarget
{
    /// <summary>Engine timestamps and the harness's clock may differ a little: read the log from a bit earlier.</summary>
    private static readonly TimeSpan LogMargin = TimeSpan.FromSeconds(5);

    public RunningContainer Running { get; }
    public ImageProvider.Outcome Image { get; }
    public TargetKind Kind => TargetKind.Container;
    public string BaseUrl { get; }
    public string? SharedSecret => null;
    public ContainerFacts? Container => new(Running.Name, $"{Image.Image} ({Image.How})", Running.ReadyAfter);

    public string Description =>
        $"Container {Running.Name} ({Image.Image}, {Image.How}) ready at {BaseUrl} after {Running.ReadyAfter.TotalSeconds:0.0} s.";

    private ContainerTarget(RunningContainer running, string baseUrl, ImageProvider.Outcome image) => (Running, BaseUrl, Image) = (running, baseUrl, image);

    public static async Task<ContainerTarget> StartAsync(TargetProfile profile, TargetStartOptions options, CancellationToken ct)
    {
        var spec = profile.Target.Container!;
        var image = await ContainerPreparation.PrepareAsync(profile, options, ct);
        var builder = ContainerSetup.ForRun(spec.Image, options.RunId, options.Keep)
            .WithPublishedPorts(spec.Port)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPath(spec.ReadyPath).ForPort((ushort)spec.Port), o => o.WithInterval(TimeSpan.FromMilliseconds(250))));
        foreach (var (k, v) in spec.Environment) builder = builder.WithEnvironment(k, v);
        foreach (var (inside, file) in spec.Files) builder = builder.WithResourceMapping(await File.ReadAllBytesAsync(Path.Combine(options.Root, file), ct), inside);
        if (spec.Command is { } command) builder = builder.WithCommand([.. command]);

        var running = await ContainerPreparation.StartAsync(builder.Build(), Durations.Parse(spec.ReadyTimeout), $"GET {spec.ReadyPath} on port {spec.Port} answers 200", options, ct);
        return new ContainerTarget(running, running.UrlOf(spec.Port), image);
    }

    public Task<IReadOnlyList<ServerLogLine>> LogsSinceAsync(DateTimeOffset since, CancellationToken ct) => Running.LogsSinceAsync(since - LogMargin, ct);

    public ValueTask DisposeAsync() => Running.DisposeAsync();
}
