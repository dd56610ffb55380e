using System.Text.Json.Nodes;
using Conformance.Harness.Matrix;

namespace Conformance.Harness.Targets;

/// <summary>
/// Asks the target who it is (GET /_matrix/client/versions and a server-version endpoint), and turns
/// every way that can fail into one clear <see cref="TargetUnavailableException"/>.
/// </summary>
public static class TargetProbe
{
    public static async Task<TargetIdentity> ProbeAsync(MatrixClient client, TimeSpan readyTimeout, CancellationToken ct = default)
    {
        var deadline = DateTimeOffset.UtcNow + readyTimeout;
        MatrixResponse versions;
        while (true)
        {
            versions = await client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/versions"), ct);
            // A refused connection may just mean the server is still starting: wait up to the ready timeout.
            if (versions.Arrived || DateTimeOffset.UtcNow >= deadline || versions.NetworkError?.Contains("timed out") == true) break;
            await Task.Delay(250, ct);
        }
        if (!versions.Arrived)
            throw new TargetUnavailableException($"Cannot reach {client.BaseUrl}: GET /_matrix/client/versions got {versions.NetworkError}.");
        if (versions.Status != 200 || versions.Object?["versions"] is not JsonArray list)
            throw new TargetUnavailableException(
                $"{client.BaseUrl} does not answer like a Matrix homeserver: GET /_matrix/client/versions returned {versions.Summary()}"
                + (versions.Text.Length > 0 ? $" starting \"{Preview(versions.Text)}\"." : " with an empty body."));

        var unstable = versions.Object["unstable_features"] as JsonObject;
        return new TargetIdentity
        {
            SpecVersions = list.Select(v => v?.ToString() ?? "").Where(v => v.Length > 0).ToList(),
            UnstableFeatures = unstable?.Where(kv => kv.Value is JsonValue b && b.TryGetValue<bool>(out var on) && on).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList() ?? [],
            ServerHeader = versions.Headers.GetValueOrDefault("Server"),
            ServerVersion = await ServerVersionAsync(client, ct),
        };
    }

    /// <summary>The version a server reports where it has a way to: Synapse's admin endpoint or the
    /// federation version endpoint when it is served on the client port.</summary>
    private static async Task<string?> ServerVersionAsync(MatrixClient client, CancellationToken ct)
    {
        // Side by side: against a server that hangs, the probe costs one timeout, not two.
        var synapseAsked = client.ExecuteAsync(MatrixRequest.Get("/_synapse/admin/v1/server_version"), ct);
        var federationAsked = client.ExecuteAsync(MatrixRequest.Get("/_matrix/federation/v1/version"), ct);
        var (synapse, federation) = (await synapseAsked, await federationAsked);
        if (synapse.Status == 200 && synapse.StringField("server_version") is { } v) return v;
        if (federation.Status == 200 && federation.Object?["server"] is JsonObject s)
            return $"{s["name"]} {s["version"]}".Trim();
        return null;
    }

    private static string Preview(string text)
    {
        var flat = string.Join(' ', text.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return flat.Length <= 80 ? flat : flat[..80] + "…";
    }
}
