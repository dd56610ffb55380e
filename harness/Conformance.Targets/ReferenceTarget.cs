using System.Security.Cryptography;
using Conformance.Harness.Targets;
using ReferenceHomeserver;

namespace Conformance.Targets;

/// <summary>The reference homeserver started in this process on a free loopback port, with the defects the
/// profile names. Without a secret from the profile it makes a fresh one, and says so through
/// <see cref="SharedSecret"/>: it never writes into the profile.</summary>
public sealed class ReferenceTarget : ITarget
{
    public ReferenceServer Server { get; }
    public TargetKind Kind => TargetKind.Embedded;
    public string BaseUrl => Server.BaseUrl;
    public string SharedSecret => Server.Options.SharedSecret;
    public ContainerFacts? Container => null;

    public string Description =>
        $"Reference homeserver {ReferenceServer.Version} in this process at {BaseUrl}"
        + (Server.Options.Defects.Count == 0 ? "." : $", with defects {string.Join(", ", Server.Options.Defects.Select(d => d.ToName()).Order())}.");

    private ReferenceTarget(ReferenceServer server) => Server = server;

    /// <exception cref="UnknownDefectException">A defect name is not in defects.yaml.</exception>
    public static async Task<ReferenceTarget> StartAsync(IEnumerable<string> defectNames, string? sharedSecret, string? appserviceToken, CancellationToken ct = default)
    {
        var defects = ParseDefects(defectNames);
        var server = await ReferenceServer.StartAsync(new ReferenceServerOptions
        {
            SharedSecret = sharedSecret ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            Defects = defects,
            AppserviceToken = appserviceToken,
        }, ct);
        return new ReferenceTarget(server);
    }

    public static HashSet<Defect> ParseDefects(IEnumerable<string> names)
    {
        var defects = new HashSet<Defect>();
        foreach (var name in names)
            defects.Add(DefectNames.TryParse(name, out var defect) ? defect
                : throw new UnknownDefectException($"Unknown reference-server defect '{name}'. Known: {string.Join(", ", DefectNames.All.Keys.Order())}."));
        return defects;
    }

    /// <summary>The reference server writes no log of its own.</summary>
    public Task<IReadOnlyList<ServerLogLine>> LogsSinceAsync(DateTimeOffset since, CancellationToken ct) => Task.FromResult<IReadOnlyList<ServerLogLine>>([]);

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

/// <summary>A profile or command line names a reference-server defect that does not exist.</summary>
public sealed class UnknownDefectException(string message) : ArgumentException(message);
