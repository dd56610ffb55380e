using Conformance.Targets.Containers;
using Xunit;

namespace Conformance.Tests.Unit;

/// <summary>Which owner labels name a live runner: another process sees the same start time a few
/// milliseconds apart, and must not take the runner for dead.</summary>
public sealed class ResourceReaperTests
{
    private static string Shifted(TimeSpan by) =>
        ResourceReaper.CurrentOwner.Split(':') is [var host, var pid, var start]
            ? $"{host}:{pid}:{long.Parse(start, System.Globalization.CultureInfo.InvariantCulture) + by.Ticks}"
            : throw new InvalidOperationException(ResourceReaper.CurrentOwner);

    [Fact]
    public void This_process_is_alive_as_labelled_and_as_another_process_sees_its_start()
    {
        Assert.True(ResourceReaper.IsAlive(ResourceReaper.CurrentOwner));
        Assert.True(ResourceReaper.IsAlive(Shifted(TimeSpan.FromMilliseconds(3))));
        Assert.True(ResourceReaper.IsAlive(Shifted(TimeSpan.FromMilliseconds(-3))));
    }

    [Fact]
    public void A_reused_pid_a_missing_process_and_a_malformed_label_are_not_alive()
    {
        Assert.False(ResourceReaper.IsAlive(Shifted(TimeSpan.FromMinutes(5))));
        Assert.False(ResourceReaper.IsAlive($"{Environment.MachineName}:999999999:1"));
        Assert.False(ResourceReaper.IsAlive("nonsense"));
        Assert.False(ResourceReaper.IsAlive($"{Environment.MachineName}:{Environment.ProcessId}:soon"));
    }
}
