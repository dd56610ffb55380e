using Conformance.Harness.Profiles;
using Conformance.Harness.Secrets;

namespace Conformance.Harness.Provisioning;

/// <summary>Accounts named in the profile (users.method: given), for servers where the suite cannot
/// register users itself.</summary>
public sealed class GivenAccounts(IReadOnlyDictionary<string, GivenAccount> accounts, SecretRegistry secrets) : IAccountProvisioner
{
    public string Description => $"accounts given in the profile ({string.Join(", ", accounts.Keys.Order(StringComparer.Ordinal))})";

    public Task<TestAccount?> AccountAsync(string role, bool admin, CancellationToken ct)
    {
        if (!accounts.TryGetValue(role, out var given)) return Task.FromResult<TestAccount?>(null);
        secrets.Add(given.Password);
        return Task.FromResult<TestAccount?>(new TestAccount(role, given.User, given.Password, admin));
    }
}
