using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Conformance.Harness.Matrix;
using Conformance.Harness.Secrets;

namespace Conformance.Harness.Provisioning;

/// <summary>
/// Registers fresh users through Synapse's shared-secret registration contract (also offered by the
/// reference server and tuwunel): GET a nonce, then POST the user with an HMAC-SHA1 of
/// nonce, username, password and admin flag keyed with the shared secret.
/// </summary>
public sealed class SharedSecretRegistrar(MatrixClient client, string sharedSecret, string registerPath, string localpartPrefix, string runId, SecretRegistry secrets)
    : IAccountProvisioner
{
    public string Description => $"shared-secret registration at {registerPath}";

    public async Task<TestAccount?> AccountAsync(string role, bool admin, CancellationToken ct)
    {
        var localpart = $"{localpartPrefix}-{role.Replace('_', '-')}-{runId}";
        var password = RandomPassword();
        secrets.Add(password);
        var (userId, _) = await RegisterAsync(localpart, password, admin, ct);
        return new TestAccount(role, userId, password, admin);
    }

    public async Task<(string UserId, string? AccessToken)> RegisterAsync(string localpart, string password, bool admin, CancellationToken ct)
    {
        var nonceResponse = await client.ExecuteAsync(MatrixRequest.Get(registerPath), ct);
        var nonce = nonceResponse.StringField("nonce")
            ?? throw new ProvisioningException($"Shared-secret registration is not available: GET {registerPath} returned {nonceResponse.Summary()}.")
            { TargetFault = IsTargetFault(nonceResponse) };
        var mac = Mac(sharedSecret, nonce, localpart, password, admin);
        secrets.Add(mac);
        var response = await client.ExecuteAsync(MatrixRequest.Post(registerPath).WithJson(new JsonObject
        {
            ["nonce"] = nonce,
            ["username"] = localpart,
            ["password"] = password,
            ["admin"] = admin,
            ["mac"] = mac,
        }), ct);
        secrets.Add(response.StringField("access_token"));
        secrets.Add(response.StringField("refresh_token"));
        var userId = response.StringField("user_id");
        if (!response.IsSuccess || userId is null)
            throw new ProvisioningException($"Registering {localpart} failed: POST {registerPath} returned {response.Summary()}"
                + (response.Errcode == "M_FORBIDDEN" ? " (is the shared secret right?)." : "."))
            { TargetFault = IsTargetFault(response) };
        return (userId, response.StringField("access_token"));
    }

    private static bool IsTargetFault(MatrixResponse r) => !r.Arrived || r.Status >= 500;

    /// <summary>The HMAC Synapse expects: lowercase hex HMAC-SHA1 over NUL-separated fields.</summary>
    public static string Mac(string secret, string nonce, string user, string password, bool admin) =>
        Convert.ToHexStringLower(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes($"{nonce}\0{user}\0{password}\0{(admin ? "admin" : "notadmin")}")));

    private static string RandomPassword() =>
        "Cf-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y').TrimEnd('=');
}
