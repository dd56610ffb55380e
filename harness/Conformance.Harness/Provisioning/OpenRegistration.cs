using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Conformance.Harness.Matrix;
using Conformance.Harness.Secrets;

namespace Conformance.Harness.Provisioning;

/// <summary>
/// Complement's way of making users: ordinary users by open registration
/// (<c>POST /_matrix/client/v3/register</c> with <c>m.login.dummy</c>), admins by shared-secret
/// registration with the contract's secret. Where the admin endpoint is not there, admins cannot be made,
/// and what needs one is skipped with that detection.
/// </summary>
public sealed class OpenRegistration(MatrixClient client, SharedSecretRegistrar? admins, string adminRegisterPath, string localpartPrefix, string runId, SecretRegistry secrets)
    : IAccountProvisioner
{
    public const string RegisterPath = "/_matrix/client/v3/register";

    public string Description => $"open registration (m.login.dummy) at {RegisterPath}; admins by shared-secret registration at {adminRegisterPath}";

    public async Task<TestAccount?> AccountAsync(string role, bool admin, CancellationToken ct)
    {
        if (admin) return await AdminAsync(role, ct);
        var localpart = $"{localpartPrefix}-{role.Replace('_', '-')}-{runId}";
        var password = "Cf-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        secrets.Add(password);
        var body = new JsonObject { ["username"] = localpart, ["password"] = password, ["auth"] = new JsonObject { ["type"] = "m.login.dummy" } };
        var response = await client.ExecuteAsync(MatrixRequest.Post(RegisterPath).WithJson(body), ct);
        // A server that wants the dummy stage inside a user-interactive session says so with a session ID.
        if (response.Status == 401 && response.StringField("session") is { } session)
        {
            body["auth"] = new JsonObject { ["type"] = "m.login.dummy", ["session"] = session };
            response = await client.ExecuteAsync(MatrixRequest.Post(RegisterPath).WithJson(body), ct);
        }
        var userId = response.StringField("user_id");
        if (!response.IsSuccess || userId is null)
            throw new ProvisioningException($"Registering {localpart} by open registration failed: POST {RegisterPath} with m.login.dummy returned {response.Summary()}.");
        return new TestAccount(role, userId, password, Admin: false);
    }

    private async Task<TestAccount?> AdminAsync(string role, CancellationToken ct)
    {
        if (admins is null)
            throw new AccountUnavailableException("No admin account can be made: no registration shared secret is given.", "profile: users.shared_secret is not set");
        var nonce = await client.ExecuteAsync(MatrixRequest.Get(adminRegisterPath), ct);
        if (nonce.Arrived && (nonce.Status != 200 || nonce.StringField("nonce") is null))
            throw new AccountUnavailableException($"No admin account can be made: the server offers no shared-secret registration at {adminRegisterPath}.",
                $"GET {adminRegisterPath} returned {nonce.Summary()}");
        return await admins.AccountAsync(role, admin: true, ct);
    }
}
