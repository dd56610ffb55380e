using System.Text.Json.Nodes;
using Conformance.Harness.Matrix;

namespace Conformance.Harness.Locking;

/// <summary>Synapse's admin API: PUT /_synapse/admin/v2/users/{userId} with only <c>locked</c> in the body
/// (adding a password would log every device out and destroy the tokens under test).</summary>
public sealed class SynapseAdminLockAdapter(MatrixClient client, string adminToken) : ILockAdapter
{
    public string Name => "synapse-admin";
    public bool CanLock => true;

    public async Task<LockOutcome> SetLockedAsync(string userId, bool locked, CancellationToken ct)
    {
        var response = await client.ExecuteAsync(MatrixRequest.Put($"/_synapse/admin/v2/users/{MatrixRequest.Segment(userId)}")
            .WithToken(adminToken).WithJson(new JsonObject { ["locked"] = locked }), ct);
        return new LockOutcome(response.IsSuccess, $"PUT /_synapse/admin/v2/users/{{userId}} {{\"locked\": {(locked ? "true" : "false")}}} → {response.Summary()}", response);
    }
}
