using System.Security.Cryptography;
using Conformance.Harness.Containers;
using Conformance.Harness.Profiles;
using Conformance.Harness.Targets;

namespace Conformance.Runner;

/// <summary>The target of a run, whichever kind: the embedded reference server, a container the run
/// started, or a server already running at a URL. Disposing it stops what the run started.</summary>
public sealed class RunningTarget : IAsyncDisposable
{
    public required string BaseUrl { get; init; }
    public EmbeddedReferenceTarget? Embedded { get; init; }
    public ContainerTarget? Container { get; init; }

    public static async Task<RunningTarget> StartAsync(TargetProfile profile, string root, string runId, bool keep, TextWriter progress, CancellationToken ct)
    {
        switch (profile.Target.Kind)
        {
            case "embedded":
                // A fresh secret for every embedded run; the profile needs none.
                profile.Users.SharedSecret ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
                try
                {
                    var embedded = await EmbeddedReferenceTarget.StartAsync(profile.Users.SharedSecret, profile.Target.Defects, profile.Appservice?.Token, ct);
                    return new RunningTarget { BaseUrl = embedded.BaseUrl, Embedded = embedded };
                }
                catch (ArgumentException e)
                {
                    throw new UsageException(e.Message);
                }
            case "container":
                var container = await ContainerTarget.StartAsync(profile, root, runId, keep, progress, ct);
                progress.WriteLine($"Container {container.Container.Name} ({container.Image.Image}, {container.Image.How}) ready at {container.BaseUrl} after {container.Container.ReadyAfter.TotalSeconds:0.0} s.");
                return new RunningTarget { BaseUrl = container.BaseUrl, Container = container };
            default:
                return new RunningTarget { BaseUrl = profile.Target.Url!.TrimEnd('/') };
        }
    }

    /// <summary>The server's log, for attaching to failures; empty for targets the run does not own.</summary>
    public async Task<IReadOnlyList<ContainerLogLine>> LogsAsync(DateTimeOffset since, CancellationToken ct) =>
        Container is null ? [] : await Container.Container.GetLogsAsync(since - TimeSpan.FromSeconds(5), ct);

    public async ValueTask DisposeAsync()
    {
        if (Embedded is not null) await Embedded.DisposeAsync();
        if (Container is not null) await Container.DisposeAsync();
    }
}
