using Conformance.Harness.Targets;

namespace Conformance.Targets;

/// <summary>A server already running at a URL. The run only reaches it: it starts nothing, stops nothing and
/// cannot read the server's log.</summary>
public sealed class UrlTarget(string url) : ITarget
{
    public TargetKind Kind => TargetKind.Url;
    public string BaseUrl { get; } = url.TrimEnd('/');
    public string Description => $"Server at {BaseUrl}, already running (this run does not start or stop it).";
    public ContainerFacts? Container => null;
    public string? SharedSecret => null;

    public Task<IReadOnlyList<ServerLogLine>> LogsSinceAsync(DateTimeOffset since, CancellationToken ct) => Task.FromResult<IReadOnlyList<ServerLogLine>>([]);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
