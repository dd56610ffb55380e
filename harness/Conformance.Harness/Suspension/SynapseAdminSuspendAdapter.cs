using System.Text.Json.Nodes;
using Conformance.Harness.Matrix;

namespace Conformance.Harness.Suspension;

/// <summary>Synapse's admin API: PUT /_synapse/admin/v1/suspend/{userId} with <c>{"suspend": bool}</c>
/// (the field is <c>suspend</c>, not MSC4323's <c>suspended</c>; the answer is
/// <c>{"user_{userId}_suspended": bool}</c>).</summary>
public sealed class SynapseAdminSuspendAdapter(MatrixClient client, string adminToken) : ISuspendAdapter
{
    public const string PathPrefix = "/_synapse/admin/v1/suspend/";

    public string Name => "synapse-admin";
    public bool CanSuspend => true;

    public async Task<SuspendOutcome> SetSuspendedAsync(string userId, bool suspended, CancellationToken ct)
    {
        var response = await client.ExecuteAsync(MatrixRequest.Put(PathPrefix + MatrixRequest.Segment(userId))
            .WithToken(adminToken).WithJson(new JsonObject { ["suspend"] = suspended }), ct);
        return new SuspendOutcome(response.IsSuccess, $"PUT {PathPrefix}{{userId}} {{\"suspend\": {(suspended ? "true" : "false")}}} → {response.Summary()}", response);
    }
}
