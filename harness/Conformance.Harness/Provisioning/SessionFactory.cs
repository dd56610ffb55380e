using System.Text.Json.Nodes;
using Conformance.Harness.Matrix;

namespace Conformance.Harness.Provisioning;

/// <summary>Password login, one device per token, as every target supports.</summary>
public sealed class SessionFactory(MatrixClient client)
{
    public async Task<UserSession> LoginAsync(TestAccount account, string deviceId, bool withRefreshToken = false, CancellationToken ct = default)
    {
        var response = await LoginRequestAsync(account, deviceId, withRefreshToken, ct);
        var token = response.StringField("access_token");
        if (!response.IsSuccess || token is null)
            throw new ProvisioningException($"Logging in as {account.UserId} (device {deviceId}) failed: POST /_matrix/client/v3/login returned {response.Summary()}.");
        return new UserSession(response.StringField("user_id") ?? account.UserId, response.StringField("device_id") ?? deviceId, token, response.StringField("refresh_token"));
    }

    /// <summary>The login request itself, for checks that judge its answer (no new token while locked).</summary>
    public Task<MatrixResponse> LoginRequestAsync(TestAccount account, string deviceId, bool withRefreshToken, CancellationToken ct = default)
    {
        var body = new JsonObject
        {
            ["type"] = "m.login.password",
            ["identifier"] = new JsonObject { ["type"] = "m.id.user", ["user"] = account.UserId },
            ["password"] = account.Password,
            ["device_id"] = deviceId,
            ["initial_device_display_name"] = "conformance " + deviceId,
        };
        if (withRefreshToken) body["refresh_token"] = true;
        return client.ExecuteAsync(MatrixRequest.Post("/_matrix/client/v3/login").WithJson(body), ct);
    }
}
