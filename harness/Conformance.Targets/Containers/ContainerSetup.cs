using System.Net;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Images;

namespace Conformance.Targets.Containers;

/// <summary>
/// What every container the suite starts has in common, on top of Testcontainers' builder: the run's
/// labels (for <see cref="ResourceReaper"/>), an init process (so a stop is quick), no image pull when
/// the image is there, and ports published on a port the engine picks, on loopback when the engine runs
/// on this machine (nothing the suite starts is reachable from outside).
/// </summary>
public static class ContainerSetup
{
    public static ContainerBuilder ForRun(string image, string runId, bool keep) => new ContainerBuilder(image)
        .WithLogger(Quiet)
        .WithImagePullPolicy(PullPolicy.Missing)
        .WithLabel(ResourceReaper.Labels(runId, keep))
        .WithCreateParameterModifier(p => (p.HostConfig ??= new()).Init = true);

    /// <summary>Testcontainers logs to the console by default; the run says itself what it starts, on its
    /// own output, and a failure carries the container's log.</summary>
    public static Microsoft.Extensions.Logging.ILogger Quiet => Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <summary>Removes a container or network Testcontainers made. Its own dispose only stops a
    /// container when Ryuk is off (no session), so the resource is deleted first.</summary>
    public static async ValueTask RemoveAsync(IAsyncDisposable resource)
    {
        if (resource is DotNet.Testcontainers.IFutureResource future) await future.DeleteAsync();
        await resource.DisposeAsync();
    }

    /// <summary>Publishes container ports. Testcontainers binds every interface; the engine's own port
    /// bindings let us name the host address.</summary>
    public static ContainerBuilder WithPublishedPorts(this ContainerBuilder builder, params int[] ports) =>
        builder.WithCreateParameterModifier(p =>
        {
            p.ExposedPorts ??= new Dictionary<string, EmptyStruct>();
            p.HostConfig ??= new HostConfig();
            p.HostConfig.PortBindings ??= new Dictionary<string, IList<PortBinding>>();
            foreach (var port in ports)
            {
                p.ExposedPorts[$"{port}/tcp"] = default;
                p.HostConfig.PortBindings[$"{port}/tcp"] = [new PortBinding { HostIP = BindAddress, HostPort = "" }];
            }
        });

    /// <summary>127.0.0.1 for an engine on this machine (a unix socket or a loopback TCP address); every
    /// interface for an engine elsewhere, or its ports could not be reached from here.</summary>
    public static string BindAddress
    {
        get
        {
            var endpoint = DockerEngine.Endpoint;
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme == "unix") return "127.0.0.1";
            return uri.Host == "localhost" || IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip) ? "127.0.0.1" : "0.0.0.0";
        }
    }
}
