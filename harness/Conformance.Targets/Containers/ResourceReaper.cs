using System.Diagnostics;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace Conformance.Targets.Containers;

/// <summary>
/// Labels every container and network a run starts with the runner that owns it, and at the start of every
/// run removes those whose runner is gone (killed, crashed). Kept ones (--keep) are left alone. This
/// replaces Testcontainers' Ryuk, whose image cannot be pulled without a registry, and also works where
/// Ryuk could not see the runner die (SIGKILL of the whole process group).
/// </summary>
public static class ResourceReaper
{
    public const string Managed = "org.matrix-conformance.managed";
    public const string Run = "org.matrix-conformance.run";
    public const string Owner = "org.matrix-conformance.owner";
    public const string Keep = "org.matrix-conformance.keep";

    /// <summary>This process, as "host:pid:start-ticks", so a reused PID is not mistaken for the owner.</summary>
    public static string CurrentOwner { get; } = OwnerOf(Environment.ProcessId) ?? $"{Environment.MachineName}:{Environment.ProcessId}:0";

    /// <summary>The labels a run puts on what it starts.</summary>
    public static IReadOnlyDictionary<string, string> Labels(string runId, bool keep) => new Dictionary<string, string>
    {
        [Managed] = "true",
        [Run] = runId,
        [Owner] = CurrentOwner,
        [Keep] = keep ? "true" : "false",
    };

    public static IDictionary<string, IDictionary<string, bool>> LabelFilter(string label) =>
        new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [label] = true } };

    /// <summary>Removes the leftovers of dead runs on this host (containers, then their networks); returns
    /// their names.</summary>
    public static async Task<IReadOnlyList<string>> ReapAsync(IDockerClient client, CancellationToken ct)
    {
        var removed = new List<string>();
        var containers = await client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = LabelFilter($"{Managed}=true") }, ct);
        foreach (var c in containers.Where(c => Orphaned(c.Labels)))
        {
            try
            {
                await client.Containers.RemoveContainerAsync(c.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, ct);
                removed.Add(c.Names?.FirstOrDefault()?.TrimStart('/') ?? c.ID[..12]);
            }
            catch (DockerApiException e) when (e.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Conflict)
            {
                // Another run's reaper got there first (gone, or its removal in progress): nothing left to do.
            }
        }
        var networks = await client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = LabelFilter($"{Managed}=true") }, ct);
        foreach (var n in networks.Where(n => Orphaned(n.Labels)))
        {
            try
            {
                await client.Networks.DeleteNetworkAsync(n.ID, ct);
                removed.Add("network " + n.Name);
            }
            catch (DockerApiException)
            {
                // Still in use by a container some other run started on it: the next reap gets it.
            }
        }
        return removed;
    }

    private static bool Orphaned(IDictionary<string, string>? labels)
    {
        labels ??= new Dictionary<string, string>();
        if (labels.TryGetValue(Keep, out var keep) && keep == "true") return false;
        var owner = labels.TryGetValue(Owner, out var o) ? o : "";
        var parts = owner.Split(':');
        if (parts.Length != 3 || parts[0] != Environment.MachineName) return false;
        return !IsAlive(owner);
    }

    /// <summary>Whether the process named by an owner label of this host still runs. Its start time is
    /// compared within a second, not to the tick: .NET derives it from the boot time, which each process
    /// measures for itself (milliseconds apart), so another live run's exact label would never match.
    /// A PID reused by a process started within the same second is not a risk worth a reaped run.</summary>
    public static bool IsAlive(string owner)
    {
        var parts = owner.Split(':');
        if (parts.Length != 3 || !int.TryParse(parts[1], out var pid) || !long.TryParse(parts[2], out var ticks)) return false;
        return StartTicks(pid) is { } start && Math.Abs(start - ticks) < TimeSpan.TicksPerSecond;
    }

    private static string? OwnerOf(int pid) =>
        StartTicks(pid) is { } ticks ? $"{Environment.MachineName}:{pid}:{ticks}" : null;

    private static long? StartTicks(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.StartTime.ToUniversalTime().Ticks;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
