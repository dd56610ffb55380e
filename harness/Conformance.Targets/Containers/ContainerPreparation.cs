using Conformance.Harness.Profiles;
using Conformance.Harness.Targets;
using DotNet.Testcontainers.Containers;

namespace Conformance.Targets.Containers;

/// <summary>The steps every container target takes before and while starting its container, with every
/// engine problem turned into one <see cref="TargetUnavailableException"/> (exit code 4).</summary>
public static class ContainerPreparation
{
    /// <summary>An engine answers, the leftovers of dead runs are gone, and the image is there (built
    /// from its recipe when it has one).</summary>
    public static async Task<ImageProvider.Outcome> PrepareAsync(TargetProfile profile, TargetStartOptions options, CancellationToken ct)
    {
        var availability = await DockerEngine.ConnectAsync(ct);
        if (!availability.Ok)
            throw new TargetUnavailableException($"Cannot start the {profile.Name} container: {availability.Problem}. Start dockerd, or set DOCKER_HOST.");
        try
        {
            using var docker = await DockerEngine.ClientAsync(ct);
            foreach (var name in await ResourceReaper.ReapAsync(docker, ct))
                options.Progress.WriteLine($"Removed {name}, left over from a run that ended without cleaning up.");
            return await ImageProvider.EnsureAsync(docker, profile.Target.Container!, options.Root, options.Progress, ct);
        }
        catch (Exception e) when (e is DockerException or Docker.DotNet.DockerApiException)
        {
            throw new TargetUnavailableException(e.Message);
        }
    }

    public static async Task<RunningContainer> StartAsync(IContainer container, TimeSpan readyTimeout, string readiness, TargetStartOptions options, CancellationToken ct)
    {
        try
        {
            return await RunningContainer.StartAsync(container, readyTimeout, readiness, options.Keep, ct);
        }
        catch (Exception e) when (e is DockerException or Docker.DotNet.DockerApiException)
        {
            throw new TargetUnavailableException(e.Message);
        }
    }
}
