using System.Text.Json.Nodes;
using Conformance.Harness.Matrix;

namespace Conformance.Harness.Locking;

/// <summary>
/// Picks the lock adapter the profile names, or with <c>auto</c> finds one by probing, in the spec's order
/// of preference: the <c>m.account_moderation.lock</c> capability (MSC4323 stable), the unstable MSC4323
/// capability or /versions flag, then Synapse's admin user endpoint. Never by server identity.
/// </summary>
public static class LockAdapterSelector
{
    /// <param name="Faulted">True when no adapter was found but a probe got no answer or a server error:
    /// then "no way to lock" is not known, and the checks report an error rather than a skip.</param>
    public sealed record Selection(ILockAdapter Adapter, string Detection, bool Faulted = false);

    public static async Task<Selection> SelectAsync(string configured, MatrixClient client, string adminToken, string adminUserId,
        IReadOnlyList<string> unstableFeatures, CancellationToken ct)
    {
        switch (configured)
        {
            case "msc4323": return new(new Msc4323LockAdapter(client, adminToken, unstable: false), "named by the profile (lock.adapter: msc4323)");
            case "msc4323-unstable": return new(new Msc4323LockAdapter(client, adminToken, unstable: true), "named by the profile (lock.adapter: msc4323-unstable)");
            case "synapse-admin": return new(new SynapseAdminLockAdapter(client, adminToken), "named by the profile (lock.adapter: synapse-admin)");
            case "none": return new(new NoLockAdapter("the profile says lock.adapter: none"), "named by the profile (lock.adapter: none)");
        }

        var caps = await client.ExecuteAsync(MatrixRequest.Get("/_matrix/client/v3/capabilities").WithToken(adminToken), ct);
        var capabilities = caps.Object?["capabilities"] as JsonObject;
        if (IsTrue(capabilities?["m.account_moderation"]?["lock"]))
            return new(new Msc4323LockAdapter(client, adminToken, unstable: false), "GET /capabilities as an admin shows m.account_moderation.lock: true");
        if (IsTrue(capabilities?["uk.timedout.msc4323"]?["lock"]) || unstableFeatures.Contains("uk.timedout.msc4323"))
            return new(new Msc4323LockAdapter(client, adminToken, unstable: true), "the unstable MSC4323 capability or /versions flag uk.timedout.msc4323 is advertised");

        var synapse = await client.ExecuteAsync(MatrixRequest.Get($"/_synapse/admin/v2/users/{MatrixRequest.Segment(adminUserId)}").WithToken(adminToken), ct);
        if (synapse.Status == 200 && synapse.Object?.ContainsKey("locked") == true)
            return new(new SynapseAdminLockAdapter(client, adminToken), "GET /_synapse/admin/v2/users/{admin} answers 200 with a 'locked' field");

        var found = $"GET /capabilities shows no m.account_moderation.lock ({caps.Summary()}), no unstable MSC4323 flag, and GET /_synapse/admin/v2/users/{{admin}} returned {synapse.Summary()}";
        var faulted = Faulted(caps) || Faulted(synapse);
        return new(new NoLockAdapter((faulted ? "whether this server can lock is not known: " : "no way to lock was found: ") + found),
            faulted ? found : "probed: capabilities, unstable flags, Synapse admin API", faulted);
    }

    /// <summary>No answer, or a server error: the probe says nothing about what the server offers.</summary>
    private static bool Faulted(MatrixResponse r) => !r.Arrived || r.Status >= 500;

    private static bool IsTrue(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
