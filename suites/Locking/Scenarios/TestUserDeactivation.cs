using System.Text.Json.Nodes;
using Conformance.Harness.Checks;
using Conformance.Harness.Matrix;
using Conformance.Harness.Provisioning;
using Conformance.Suites.Common;

namespace Conformance.Suites.Locking.Scenarios;

/// <summary>
/// Deactivates one of the suite's own users the way the profile's <c>users.deactivate</c> says, for the
/// admin API checks that ask about a deactivated user: <c>client</c> (the user's own request, with its
/// password), <c>synapse-admin</c> (Synapse's admin API) or <c>none</c>.
/// </summary>
public static class TestUserDeactivation
{
    /// <summary>The account, deactivated; not seen when the profile gives no account (skip), the server
    /// has no way (skip), or the deactivation was refused (inconclusive).</summary>
    public static async Task<Observed<TestAccount>> DeactivateAsync(SuiteContext ctx, string role, string adminToken, string deviceId, CancellationToken ct)
    {
        var method = ctx.Profile.Users.Deactivate;
        if (method == "none")
            return Observed.NotSeen<TestAccount>(Judgement.Skip("The profile says the suite cannot deactivate a user here.", "profile: users.deactivate: none"));
        var gone = await ctx.Accounts.GetAsync(role, admin: false);
        if (gone is null)
            return Observed.NotSeen<TestAccount>(Judgement.Skip("The profile gives no account to deactivate.", $"profile: users.method is given, with no '{role}' account"));
        var deactivated = method == "synapse-admin"
            ? await ctx.Client.ExecuteAsync(MatrixRequest.Post($"/_synapse/admin/v1/deactivate/{MatrixRequest.Segment(gone.UserId)}").WithToken(adminToken).WithJson(new JsonObject { ["erase"] = false }), ct)
            : await ClientDeactivateAsync(ctx.Client, gone, (await ctx.Sessions.LoginAsync(gone, deviceId, ct: ct)).AccessToken, ct);
        if (Expect.Arrived(deactivated) is { } lost) return Observed.NotSeen<TestAccount>(lost);
        if (!deactivated.IsSuccess)
            return Observed.NotSeen<TestAccount>(Judgement.Inconclusive(
                $"Could not deactivate a test account to ask about it ({(method == "synapse-admin" ? "POST /_synapse/admin/v1/deactivate/{userId}" : "POST /account/deactivate with the user's password")} returned {deactivated.Summary()}). "
                + "Set the profile's users.deactivate to the way this server deactivates users: client, synapse-admin or none.").WithEvidence(deactivated));
        return gone;
    }

    /// <summary>POST /account/deactivate as the user, answering the password stage of user-interactive authentication.</summary>
    public static async Task<MatrixResponse> ClientDeactivateAsync(MatrixClient client, TestAccount account, string token, CancellationToken ct) =>
        (await PasswordUia.SendAsync(client, body => MatrixRequest.Post("/_matrix/client/v3/account/deactivate").WithToken(token).WithJson(body), account, ct)).Final;
}
