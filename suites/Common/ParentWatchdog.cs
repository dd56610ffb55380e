using System.Diagnostics;

namespace Conformance.Suites.Common;

/// <summary>
/// Ends this suite process when the runner that started it dies (even by kill -9), so no orphan keeps
/// talking to a server after the run.
/// </summary>
public static class ParentWatchdog
{
    private static int _started;

    public static void Start(int? parentPid)
    {
        if (parentPid is null || Interlocked.Exchange(ref _started, 1) == 1) return;
        Process parent;
        try { parent = Process.GetProcessById(parentPid.Value); }
        catch (ArgumentException) { Environment.Exit(137); return; }
        var thread = new Thread(() =>
        {
            while (true)
            {
                Thread.Sleep(500);
                bool gone;
                try { parent.Refresh(); gone = parent.HasExited; }
                catch (InvalidOperationException) { gone = true; }
                if (gone) Environment.Exit(137);
            }
        }) { IsBackground = true, Name = "parent-watchdog" };
        thread.Start();
    }
}
