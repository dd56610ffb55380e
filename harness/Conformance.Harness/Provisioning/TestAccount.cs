namespace Conformance.Harness.Provisioning;

/// <summary>An account the suite can log in as. <paramref name="Role"/> says what the checks use it for
/// (admin, subject, other, second_admin, lock_target, deactivated).</summary>
public sealed record TestAccount(string Role, string UserId, string Password, bool Admin)
{
    public string Localpart => UserId[1..UserId.IndexOf(':')];
    public string ServerName => UserId[(UserId.IndexOf(':') + 1)..];
}

/// <summary>An access token for a device, and its refresh token when the server issued one.</summary>
public sealed record UserSession(string UserId, string DeviceId, string AccessToken, string? RefreshToken = null);
