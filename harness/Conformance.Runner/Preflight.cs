using Conformance.Harness.Matrix;
using Conformance.Harness.Profiles;
using Conformance.Harness.Provisioning;
using Conformance.Harness.Secrets;
using Conformance.Harness.Targets;

namespace Conformance.Runner;

/// <summary>
/// Before any suite starts: asks the target who it is (once for the whole run; the suites get the answer),
/// then checks that the profile's way of making users works on it (the endpoint answers and the secret is
/// right, proven by registering one throwaway user), so a wrong profile ends with one clear message
/// instead of every check in error. A target that stops answering (or answers 5xx) once it has said who
/// it is is not the profile's fault: the run's <see cref="TargetHealth"/> is declared down, and the run
/// goes on to report every check as an error with that reason.
/// </summary>
public static class Preflight
{
    public static async Task<TargetIdentity> CheckAsync(RunSetup setup, string baseUrl, OriginAliases aliases, RunCredentials credentials, SecretRegistry secrets, Redactor redactor, TargetHealth health, CancellationToken ct)
    {
        var profile = setup.Profile;
        using var client = new MatrixClient(baseUrl, redactor, Durations.Parse(profile.Timeouts.Request), health, ByteSizes.Parse(profile.Limits.MaxBody), aliases);
        var identity = await TargetProbe.ProbeAsync(client, Durations.Parse(profile.Timeouts.Ready), ct);
        await CanMakeUsersAsync(profile, credentials, client, secrets, setup.RunId, ct);
        return identity;
    }

    private static async Task CanMakeUsersAsync(TargetProfile profile, RunCredentials credentials, MatrixClient client, SecretRegistry secrets, string runId, CancellationToken ct)
    {
        if (profile.Users.Method == "given") return;
        if (profile.Users.Method == "shared-secret" && string.IsNullOrEmpty(credentials.SharedSecret))
            throw new ProfileException($"Profile '{profile.Name}': users.method is shared-secret but no secret was given (users.shared_secret, --shared-secret or CONFORMANCE_SHARED_SECRET).");
        try
        {
            await Provisioners.For(profile, client, credentials.SharedSecret, runId, secrets).AccountAsync("preflight", admin: false, ct);
        }
        catch (ProvisioningException e) when (e.TargetFault)
        {
            client.Health.Declare($"the target failed once it had answered /versions: {e.Message.TrimEnd('.')}");
        }
        catch (ProvisioningException e)
        {
            throw new ProfileException($"Profile '{profile.Name}' (users.method: {profile.Users.Method}): {e.Message}");
        }
    }
}
