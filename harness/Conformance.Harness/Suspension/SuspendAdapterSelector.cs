using System.Text.Json.Nodes;
using Conformance.Harness.Matrix;

namespace Conformance.Harness.Suspension;

/// <summary>
/// Picks the suspend adapter the profile names, or with <c>auto</c> finds one by probing, in the spec's
/// order of preference: the <c>m.account_moderation.suspend</c> capability (MSC4323 stable), the
/// unstable MSC4323 capability or /versions flag, then Synapse's admin API. Never by server identity.
/// When nothing is found and a probe got no answer, or a 5xx, that is a fault: "no way to suspend" is not
/// known, so the run reports an error rather than a skip.
/// </summary>
public static class SuspendAdapterSelector
{
    public const string UnstableName = "uk.timedout.msc4323";

    /// <summary>The adapter and how it was found; <see cref="Fault"/> is set when none was found and a probe failed.</summary>
    public sealed record Selection(ISuspendAdapter Adapter, string Detection, string? Fault = null);

    public static async Task<Selection> SelectAsync(string configured, MatrixClient client, string adminToken, string adminUserId,
        IReadOnlyList<string> unstableFeatures, CancellationToken ct)
    {
        switch (configured)
        {
            case "msc4323": return Named(new Msc4323SuspendAdapter(client, adminToken, unstable: false), configured);
            case "msc4323-unstable": return Named(new Msc4323SuspendAdapter(client, adminToken, unstable: true), configured);
            case "synapse-admin": return Named(new SynapseAdminSuspendAdapter(client, adminToken), configured);
            case "none": return Named(new NoSuspendAdapter("the profile says suspend.adapter: none"), configured);
        }

        var caps = await client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/v3/capabilities").WithToken(adminToken), ct);
        var capabilities = caps.Object?["capabilities"] as JsonObject;
        if (IsTrue(capabilities?["m.account_moderation"]?["suspend"]))
            return new(new Msc4323SuspendAdapter(client, adminToken, unstable: false), "GET /capabilities as an admin shows m.account_moderation.suspend: true");
        if (IsTrue(capabilities?[UnstableName]?["suspend"]) || unstableFeatures.Contains(UnstableName))
            return new(new Msc4323SuspendAdapter(client, adminToken, unstable: true), $"the unstable MSC4323 capability or /versions flag {UnstableName} is advertised");

        var synapse = await client.ExecuteAsync(MatrixRequest.Get($"/_synapse/admin/v2/users/{MatrixRequest.Segment(adminUserId)}").WithToken(adminToken), ct);
        if (synapse.Status == 200 && synapse.Object?.ContainsKey("suspended") == true)
            return new(new SynapseAdminSuspendAdapter(client, adminToken), "GET /_synapse/admin/v2/users/{admin} answers 200 with a 'suspended' field");

        if (Faulty(caps) is { } capsFault) return Failed("GET /_matrix/client/v3/capabilities", capsFault);
        if (Faulty(synapse) is { } synapseFault) return Failed("GET /_synapse/admin/v2/users/{admin}", synapseFault);
        return new(new NoSuspendAdapter(
                $"no way to suspend was found: GET /capabilities shows no m.account_moderation.suspend ({caps.Summary()}), no unstable MSC4323 flag, and GET /_synapse/admin/v2/users/{{admin}} returned {synapse.Summary()} without a 'suspended' field"),
            "probed: capabilities, unstable flags, Synapse admin API");
    }

    private static Selection Named(ISuspendAdapter adapter, string configured) =>
        new(adapter, $"named by the profile (suspend.adapter: {configured})");

    private static Selection Failed(string probe, string why) =>
        new(new NoSuspendAdapter($"the probe {probe} failed: {why}"), $"{probe}: {why}", $"Could not tell how to suspend an account: {probe} {why}.");

    /// <summary>Why an answer says nothing about the server's features (no answer, or a server error), or null.</summary>
    private static string? Faulty(MatrixResponse r) =>
        !r.Arrived ? $"got no answer ({r.NetworkError})" : r.Status >= 500 ? $"answered {r.Summary()}" : null;

    private static bool IsTrue(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
