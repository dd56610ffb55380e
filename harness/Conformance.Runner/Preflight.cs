using Conformance.Harness.Matrix;
using Conformance.Harness.Profiles;
using Conformance.Harness.Provisioning;
using Conformance.Harness.Secrets;

namespace Conformance.Runner;

/// <summary>Checks, before any suite starts, that the profile's way of making users works on this target
/// (the endpoint answers and the secret is right, proven by registering one throwaway user), so a wrong
/// profile ends with one clear message instead of every check in error.</summary>
public static class Preflight
{
    public static async Task CheckAsync(TargetProfile profile, MatrixClient client, SecretRegistry secrets, string runId, CancellationToken ct)
    {
        if (profile.Users.Method != "shared-secret") return;
        if (string.IsNullOrEmpty(profile.Users.SharedSecret))
            throw new ProfileException($"Profile '{profile.Name}': users.method is shared-secret but no secret was given (users.shared_secret, --shared-secret or CONFORMANCE_SHARED_SECRET).");
        try
        {
            await new SharedSecretRegistrar(client, profile.Users.SharedSecret, profile.Users.RegisterPath, profile.Users.LocalpartPrefix, runId, secrets)
                .AccountAsync("preflight", admin: false, ct);
        }
        catch (ProvisioningException e)
        {
            throw new ProfileException($"Profile '{profile.Name}' (users.method: shared-secret): {e.Message}");
        }
    }
}
