using Conformance.Harness.Matrix;
using Conformance.Harness.Profiles;
using Conformance.Harness.Secrets;

namespace Conformance.Harness.Provisioning;

/// <summary>The provisioner the profile's <c>users.method</c> names.</summary>
public static class Provisioners
{
    public static IAccountProvisioner For(TargetProfile profile, MatrixClient client, string? sharedSecret, string runId, SecretRegistry secrets)
    {
        var users = profile.Users;
        SharedSecretRegistrar? Registrar() => string.IsNullOrEmpty(sharedSecret) ? null
            : new SharedSecretRegistrar(client, sharedSecret, users.RegisterPath, users.LocalpartPrefix, runId, secrets);
        return users.Method switch
        {
            "given" => new GivenAccounts(users.Accounts, secrets),
            "open-registration" => new OpenRegistration(client, Registrar(), users.RegisterPath, users.LocalpartPrefix, runId, secrets),
            _ => Registrar() ?? new SharedSecretRegistrar(client, "", users.RegisterPath, users.LocalpartPrefix, runId, secrets),
        };
    }
}
