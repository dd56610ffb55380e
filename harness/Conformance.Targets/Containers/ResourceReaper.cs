using System.Diagnostics;

namespace Conformance.Targets.Containers;

/// <summary>
/// Labels every container a run starts with the runner that owns it, and at the start of every run removes
/// the containers whose runner is gone (killed, crashed). Kept containers (--keep) are left alone.
/// </summary>
public static class ResourceReaper
{
    public const string Managed = "org.matrix-conformance.managed";
    public const string Run = "org.matrix-conformance.run";
    public const string Owner = "org.matrix-conformance.owner";
    public const string Keep = "org.matrix-conformance.keep";

    /// <summary>This process, as "host:pid:start-ticks", so a reused PID is not mistaken for the owner.</summary>
    public static string CurrentOwner { get; } = OwnerOf(Environment.ProcessId) ?? $"{Environment.MachineName}:{Environment.ProcessId}:0";

    public static ContainerBuilder WithRunLabels(this ContainerBuilder builder, string runId, bool keep) => builder
        .WithLabel(Managed, "true")
        .WithLabel(Run, runId)
        .WithLabel(Owner, CurrentOwner)
        .WithLabel(Keep, keep ? "true" : "false");

    /// <summary>Removes the leftovers of dead runs on this host; returns their names.</summary>
    public static async Task<IReadOnlyList<string>> ReapAsync(DockerClient client, CancellationToken ct)
    {
        var removed = new List<string>();
        foreach (var c in await client.ListContainersAsync($"{Managed}=true", ct))
        {
            if (c.Labels.GetValueOrDefault(Keep) == "true") continue;
            var owner = c.Labels.GetValueOrDefault(Owner, "");
            var parts = owner.Split(':');
            if (parts.Length != 3 || parts[0] != Environment.MachineName) continue;
            if (IsAlive(owner)) continue;
            await client.RemoveContainerAsync(c.Id, ct);
            removed.Add(c.Names.FirstOrDefault() ?? c.Id[..12]);
        }
        return removed;
    }

    /// <summary>Whether the runner named by an owner label ("host:pid:start-ticks" of this host) still runs.
    /// Start times match to within a second, not exactly: on Linux Process.StartTime adds a boot time that
    /// each process derives from two clocks read at once, so two processes see the same start milliseconds
    /// apart, and an exact match took every other live run for a dead one and removed its containers.</summary>
    public static bool IsAlive(string owner) =>
        owner.Split(':') is [_, var pid, var start]
        && int.TryParse(pid, out var id) && long.TryParse(start, out var labelled)
        && OwnerOf(id)?.Split(':') is [_, _, var now] && long.TryParse(now, out var actual)
        && Math.Abs(actual - labelled) < TimeSpan.TicksPerSecond;

    private static string? OwnerOf(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return $"{Environment.MachineName}:{pid}:{process.StartTime.ToUniversalTime().Ticks}";
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
