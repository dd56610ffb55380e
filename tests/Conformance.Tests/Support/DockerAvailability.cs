using Conformance.Targets.Containers;
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
        using var docker = DockerClient.FromEnvironment();
        var (ok, problem) = await docker.PingAsync(TestContext.Current.CancellationToken);
        if (ok) return;
        if (Environment.GetEnvironmentVariable("CONFORMANCE_REQUIRE_DOCKER") == "1")
            Assert.Fail($"A Docker engine is required here (CONFORMANCE_REQUIRE_DOCKER=1) but {problem}.");
        Assert.Skip($"No Docker engine: {problem}. Start dockerd (or set DOCKER_HOST) to run the container tests.");
    }
}

/// <summary>Tests that start containers or reap them run one after another: a reaper in one test would
/// otherwise remove the container another test left behind on purpose.</summary>
[CollectionDefinition(Name)]
public sealed class DockerCollection
{
    public const string Name = "docker";
}
