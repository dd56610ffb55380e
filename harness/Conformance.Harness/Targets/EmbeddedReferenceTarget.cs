using ReferenceHomeserver;

namespace Conformance.Harness.Targets;

/// <summary>The reference homeserver started in this process on a free loopback port.</summary>
public sealed class EmbeddedReferenceTarget : IAsyncDisposable
{
    public ReferenceServer Server { get; }
    public string BaseUrl => Server.BaseUrl;

    private EmbeddedReferenceTarget(ReferenceServer server) => Server = server;

    public static async Task<EmbeddedReferenceTarget> StartAsync(string sharedSecret, IEnumerable<string> defectNames, string? appserviceToken, CancellationToken ct = default)
    {
        var defects = new HashSet<Defect>();
        foreach (var name in defectNames)
        {
            if (!DefectNames.TryParse(name, out var defect))
                throw new ArgumentException($"Unknown reference-server defect '{name}'. Known: {string.Join(", ", DefectNames.All.Keys.Order())}.");
            defects.Add(defect);
        }
        var server = await ReferenceServer.StartAsync(new ReferenceServerOptions
        {
            SharedSecret = sharedSecret,
            Defects = defects,
            AppserviceToken = appserviceToken,
        }, ct);
        return new EmbeddedReferenceTarget(server);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
