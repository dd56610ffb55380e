using System.Text.Json.Nodes;
using Conformance.Harness.Matrix;

namespace Conformance.Harness.Locking;

/// <summary>PUT /_matrix/client/v1/admin/lock/{userId} (spec v1.18), or its unstable MSC4323 path.</summary>
public sealed class Msc4323LockAdapter(MatrixClient client, string adminToken, bool unstable) : ILockAdapter
{
    public const string StablePrefix = "/_matrix/client/v1/admin";
    public const string UnstablePrefix = "/_matrix/client/unstable/uk.timedout.msc4323/admin";

    public string Name => unstable ? "msc4323-unstable" : "msc4323";
    public bool CanLock => true;
    private string Prefix => unstable ? UnstablePrefix : StablePrefix;

    public async Task<LockOutcome> SetLockedAsync(string userId, bool locked, CancellationToken ct)
    {
        var path = $"{Prefix}/lock/{MatrixRequest.Segment(userId)}";
        var response = await client.ExecuteAsync(MatrixRequest.Put(path).WithToken(adminToken).WithJson(new JsonObject { ["locked"] = locked }), ct);
        return new LockOutcome(response.IsSuccess, $"PUT {Prefix}/lock/{{userId}} {{\"locked\": {(locked ? "true" : "false")}}} → {response.Summary()}", response);
    }
}
