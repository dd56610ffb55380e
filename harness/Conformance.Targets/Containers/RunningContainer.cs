using System.Diagnostics;
using Conformance.Harness.Targets;
using DotNet.Testcontainers.Containers;

namespace Conformance.Targets.Containers;

/// <summary>
/// A Testcontainers container started for a run: ready within its time limit or a
/// <see cref="DockerException"/> that carries the container's own log, its published URLs, its log
/// since a time, and removal on dispose unless the run keeps it.
/// </summary>
public sealed class RunningContainer : IAsyncDisposable
{
    public IContainer Container { get; }
    public bool Keep { get; }
    public TimeSpan ReadyAfter { get; private set; }
    public string Name => Container.Name.TrimStart('/');

    private RunningContainer(IContainer container, bool keep) => (Container, Keep) = (container, keep);

    /// <summary>Starts the container and waits for its wait strategies, at most <paramref name="readyTimeout"/>.
    /// A container that exits or never gets ready is removed (unless kept) and its log tail is in the message.</summary>
    public static async Task<RunningContainer> StartAsync(IContainer container, TimeSpan readyTimeout, string readiness, bool keep, CancellationToken ct)
    {
        var running = new RunningContainer(container, keep);
        var clock = Stopwatch.StartNew();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(readyTimeout);
        try
        {
            await container.StartAsync(limit.Token);
            running.ReadyAfter = clock.Elapsed;
            return running;
        }
        catch (Exception e) when (Explain(e, ct) is { } problem)
        {
            var message = $"Container {running.SafeName} ({container.Image.FullName}) {problem}.\n{await running.TailAsync()}";
            await running.DisposeAsync();
            throw new DockerException(message);
        }
        catch
        {
            await running.DisposeAsync();
            throw;
        }

        string? Explain(Exception e, CancellationToken outer) => e switch
        {
            ContainerNotRunningException => $"exited with code {SafeExitCode(container)} before it was ready",
            OperationCanceledException or TimeoutException when !outer.IsCancellationRequested => $"was not ready within {readyTimeout.TotalSeconds:0} s ({readiness})",
            Docker.DotNet.DockerApiException api => $"could not be started: the engine answered {(int)api.StatusCode} {api.ResponseBody?.Trim()}",
            _ => null,
        };
    }

    private static string SafeExitCode(IContainer container)
    {
        try { return container.GetExitCodeAsync().GetAwaiter().GetResult().ToString(System.Globalization.CultureInfo.InvariantCulture); }
        catch (Exception e) when (e is Docker.DotNet.DockerApiException or InvalidOperationException) { return "?"; }
    }

    private string SafeName
    {
        get
        {
            try { return Name; }
            catch (InvalidOperationException) { return "(not created)"; }
        }
    }

    /// <summary>The published host address and port of a container port, as an http URL.</summary>
    public string UrlOf(int containerPort, string scheme = "http")
    {
        var host = ContainerSetup.BindAddress == "127.0.0.1" ? "127.0.0.1" : Container.Hostname;
        return $"{scheme}://{host}:{Container.GetMappedPublicPort(containerPort)}";
    }

    public async Task<IReadOnlyList<ServerLogLine>> LogsSinceAsync(DateTimeOffset? since, CancellationToken ct)
    {
        var (stdout, stderr) = await Container.GetLogsAsync(since?.UtcDateTime ?? default, default, timestampsEnabled: true, ct);
        return ContainerLogs.Merge(stdout, stderr);
    }

    private async Task<string> TailAsync()
    {
        try
        {
            var lines = await LogsSinceAsync(null, CancellationToken.None);
            return "Last lines of its log:\n" + string.Join('\n', lines.TakeLast(40).Select(l => "  " + l.Text));
        }
        catch (Exception e) when (e is Docker.DotNet.DockerApiException or InvalidOperationException)
        {
            return $"(its log could not be read: {e.Message})";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!Keep) await ContainerSetup.RemoveAsync(Container);
    }
}
