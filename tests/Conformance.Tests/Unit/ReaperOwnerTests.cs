using System.Diagnostics;
using Conformance.Targets.Containers;
using Xunit;

namespace Conformance.Tests.Unit;

/// <summary>
/// Whether a run's owner label names a live process. Another process measures the same process's start
/// time a few milliseconds apart (each derives it from its own reading of the boot time), so a live
/// run's label read by another run must still count as alive, or concurrent runs reap each other.
/// </summary>
public sealed class ReaperOwnerTests
{
    private static readonly long MyStart = Process.GetCurrentProcess().StartTime.ToUniversalTime().Ticks;
    private static string Owner(int pid, long ticks) => $"{Environment.MachineName}:{pid}:{ticks}";

    [Fact]
    public void The_current_owner_is_alive() => Assert.True(ResourceReaper.IsAlive(ResourceReaper.CurrentOwner));

    [Theory]
    [InlineData(-20)]
    [InlineData(3)]
    [InlineData(150)]
    public void A_start_time_measured_milliseconds_apart_is_the_same_live_process(int milliseconds) =>
        Assert.True(ResourceReaper.IsAlive(Owner(Environment.ProcessId, MyStart + milliseconds * TimeSpan.TicksPerMillisecond)));

    [Fact]
    public void A_reused_pid_started_at_another_time_is_not_the_owner() =>
        Assert.False(ResourceReaper.IsAlive(Owner(Environment.ProcessId, MyStart - TimeSpan.TicksPerMinute)));

    [Theory]
    [InlineData("999999999", "1")]
    [InlineData("x", "1")]
    [InlineData("1", "")]
    public void A_pid_that_does_not_run_or_a_malformed_label_is_not_alive(string pid, string ticks) =>
        Assert.False(ResourceReaper.IsAlive($"{Environment.MachineName}:{pid}:{ticks}"));
}
