using System.Text.Json.Nodes;
using Conformance.Harness.Locking;
using Conformance.Harness.Matrix;

namespace Conformance.Harness.Suspension;

/// <summary>PUT /_matrix/client/v1/admin/suspend/{userId} (spec v1.18), or its unstable MSC4323 path.</summary>
public sealed class Msc4323SuspendAdapter(MatrixClient client, string adminToken, bool unstable) : ISuspendAdapter
{
    public string Name => unstable ? "msc4323-unstable" : "msc4323";
    public bool CanSuspend => true;
    private string Prefix => unstable ? Msc4323LockAdapter.UnstablePrefix : Msc4323LockAdapter.StablePrefix;

    public async Task<SuspendOutcome> SetSuspendedAsync(string userId, bool suspended, CancellationToken ct)
    {
        var path = $"{Prefix}/suspend/{MatrixRequest.Segment(userId)}";
        var response = await client.ExecuteAsync(MatrixRequest.Put(path).WithToken(adminToken).WithJson(new JsonObject { ["suspended"] = suspended }), ct);
        return new SuspendOutcome(response.IsSuccess, $"PUT {Prefix}/suspend/{{userId}} {{\"suspended\": {(suspended ? "true" : "false")}}} → {response.Summary()}", response);
    }
}
