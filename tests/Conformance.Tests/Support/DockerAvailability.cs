using Conformance.Targets.Containers;
using Docker.DotNet;
using Docker.DotNet.Models;
using Xunit;

namespace Conformance.Tests.Support;

/// <summary>
/// Tests that need a Docker engine skip, with the reason, on a machine without one; in CI
/// (CONFORMANCE_REQUIRE_DOCKER=1, set by .ci/run) a missing engine fails them instead.
/// </summary>
public static class DockerAvailability
{
    public static async Task RequireAsync()
    {
        var engine = await DockerEngine.ConnectAsync(TestContext.Current.CancellationToken);
        if (engine.Ok) return;
        if (Required)
            Assert.Fail($"A Docker engine is required here (CONFORMANCE_REQUIRE_DOCKER=1) but {engine.Problem}.");
        Assert.Skip($"No Docker engine: {engine.Problem}. Start dockerd (or set DOCKER_HOST) to run the container tests.");
    }

    public static bool Required => Environment.GetEnvironmentVariable("CONFORMANCE_REQUIRE_DOCKER") == "1";

    /// <summary>The containers of this engine that carry <paramref name="label"/> (name=value).</summary>
    public static async Task<IList<ContainerListResponse>> ContainersAsync(string label)
    {
        using var docker = await DockerEngine.ClientAsync(TestContext.Current.CancellationToken);
        return await docker.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = ResourceReaper.LabelFilter(label) }, TestContext.Current.CancellationToken);
    }

    public static async Task<IList<NetworkResponse>> NetworksAsync(string label)
    {
        using var docker = await DockerEngine.ClientAsync(TestContext.Current.CancellationToken);
        return await docker.Networks.ListNetworksAsync(new NetworksListParameters { Filters = ResourceReaper.LabelFilter(label) }, TestContext.Current.CancellationToken);
    }

    public static async Task RemoveAsync(string id)
    {
        using var docker = await DockerEngine.ClientAsync(TestContext.Current.CancellationToken);
        try { await docker.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, TestContext.Current.CancellationToken); }
        catch (DockerContainerNotFoundException) { }
    }
}

/// <summary>Tests that start containers or reap them run one after another: a reaper in one test would
/// otherwise remove the container another test left behind on purpose.</summary>
[CollectionDefinition(Name)]
public sealed class DockerCollection
{
    public const string Name = "docker";
}
